// PLACEHOLDER: being written this session; replaced wholesale by its owner.
#include "pii/detectors/registry.h"

namespace winnow::pii {
std::unique_ptr<Detector> MakeLocationDetector() { return nullptr; }
}  // namespace winnow::pii
