// The detectors winnow ships. Adding one: a file in this folder defining its
// class and factory, the factory in registry.h, and its line here.
#include "pii/detectors/registry.h"

namespace winnow::pii {

std::vector<std::unique_ptr<Detector>> AllDetectors() {
  std::unique_ptr<Detector> (*const factories[])() = {
      MakeEmailDetector,      MakeUrlDetector,        MakeIpAddressDetector, MakeMacAddressDetector,
      MakeCryptoDetector,     MakeSecretDetector,     MakeCreditCardDetector, MakeUsSsnDetector,
      MakeUsBankDetector,     MakeUsDocumentDetector, MakeIbanDetector,      MakePhoneDetector,
      MakeDateTimeDetector,   MakeStreetAddressDetector, MakeLocationDetector, MakePersonDetector,
  };
  std::vector<std::unique_ptr<Detector>> all;
  for (auto* make : factories) {
    if (auto d = make()) all.push_back(std::move(d));
  }
  return all;
}

}  // namespace winnow::pii
