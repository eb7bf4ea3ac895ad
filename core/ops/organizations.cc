#include "core/ops/organizations.h"

namespace iamlite::ops {

IamError OrganizationNotFound() {
  // The model gives the shape no error trait: the code is the shape name, status 400.
  return {"OrganizationNotFoundException", 400,
          "The request was rejected because no organization is associated with your account.",
          true};
}

}  // namespace iamlite::ops
