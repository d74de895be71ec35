// Factories of the detectors winnow ships, one per file in this folder.
#pragma once

#include <memory>

#include "pii/detector.h"

namespace winnow::pii {

std::unique_ptr<Detector> MakeEmailDetector();
std::unique_ptr<Detector> MakeUrlDetector();
std::unique_ptr<Detector> MakeIpAddressDetector();
std::unique_ptr<Detector> MakeMacAddressDetector();
std::unique_ptr<Detector> MakeCryptoDetector();
std::unique_ptr<Detector> MakeSecretDetector();
std::unique_ptr<Detector> MakeCreditCardDetector();
std::unique_ptr<Detector> MakeUsSsnDetector();        // US_SSN and US_ITIN
std::unique_ptr<Detector> MakeUsBankDetector();       // US_BANK_NUMBER and ABA_ROUTING_NUMBER
std::unique_ptr<Detector> MakeUsDocumentDetector();   // US_PASSPORT and US_DRIVER_LICENSE
std::unique_ptr<Detector> MakeIbanDetector();
std::unique_ptr<Detector> MakePhoneDetector();
std::unique_ptr<Detector> MakeDateTimeDetector();
std::unique_ptr<Detector> MakeStreetAddressDetector();
std::unique_ptr<Detector> MakeLocationDetector();
std::unique_ptr<Detector> MakePersonDetector();

}  // namespace winnow::pii
