// The AWS Organizations features IAM exposes: centralized root access
// (ListOrganizationsFeatures, Enable/DisableOrganizationsRootCredentialsManagement,
// Enable/DisableOrganizationsRootSessions). iamlite emulates standalone accounts only, so each
// answers as AWS does for an account that belongs to no organization:
// OrganizationNotFoundException (400), with the exception's documented description.
#pragma once

#include "core/error.h"

namespace iamlite::ops {

// "The request was rejected because no organization is associated with your account."
// (IAM API Reference, OrganizationNotFoundException.)
IamError OrganizationNotFound();

}  // namespace iamlite::ops
