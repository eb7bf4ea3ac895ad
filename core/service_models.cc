// The IAM and STS models compiled into the binary, built on first use.
#include "core/model.h"

namespace iamlite {

// Defined in the generated model_packed_data.cc (tools/model_pack, CMakeLists.txt).
extern const PackedModel kIamPackedModel;
extern const PackedModel kStsPackedModel;

const ServiceModel& IamModel() {
  static const ServiceModel& m = *ServiceModel::Unpack(kIamPackedModel).release();
  return m;
}

const ServiceModel& StsModel() {
  static const ServiceModel& m = *ServiceModel::Unpack(kStsPackedModel).release();
  return m;
}

}  // namespace iamlite
