// Access reports (IAM access advisor): GenerateServiceLastAccessedDetails,
// GetServiceLastAccessedDetails(WithEntities), GenerateOrganizationsAccessReport,
// GetOrganizationsAccessReport and ListPoliciesGrantingServiceAccess.
//
// A report lists the services the entity's identity policies allow (any Allow statement whose
// Action can match an action of the service), with LastAuthenticated taken from what iamlite
// has actually served (core/activity.h). Reports are computed when generated, so a job is
// COMPLETED at once. Jobs live in memory, like the activity they summarize.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

struct ServiceInfo {
  std::string ns;    // "s3"
  std::string name;  // "Amazon S3"
};
// The services reports consider, ordered by namespace.
const std::vector<ServiceInfo>& KnownServices();

struct EntityRef {
  std::string arn, name, type, id, path;  // type: "USER", "ROLE" or "GROUP"
};

struct EntityLastAccess {
  EntityRef entity;
  std::optional<TimeMs> last;
};

struct TrackedAction {
  std::string name;  // "CreateUser"
  std::optional<TimeMs> last;
  std::string entity, region;
};

struct ServiceReport {
  ServiceInfo service;
  std::optional<TimeMs> last;
  std::string last_entity, last_region;
  int total_entities = 0;
  std::vector<TrackedAction> actions;      // ACTION_LEVEL jobs, tracked services only
  std::vector<EntityLastAccess> entities;  // every entity the report covers
};

struct AccessReportJob {
  std::string id, account, granularity;
  TimeMs created = 0, completed = 0;
  std::vector<ServiceReport> services;  // by namespace
};

struct OrganizationsReportJob {
  std::string id, account, entity_path;
  TimeMs created = 0;
};

// The jobs of every account. Thread-safe.
class AccessReportJobs {
 public:
  void Put(std::shared_ptr<const AccessReportJob> job);
  std::shared_ptr<const AccessReportJob> Find(const std::string& account,
                                              const std::string& id) const;
  void PutOrganizations(OrganizationsReportJob job);
  std::optional<OrganizationsReportJob> FindOrganizations(const std::string& account,
                                                          const std::string& id) const;
  void Clear();

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const AccessReportJob>> jobs_;
  std::map<std::string, OrganizationsReportJob> org_jobs_;
};

// `arn`: a user, group, role or managed policy (customer or AWS managed). InvalidInput for
// another ARN; NoSuchEntity when it names nothing. Returns the JobId.
Result<std::string> GenerateServiceLastAccessedDetails(OpContext& ctx, const std::string& arn,
                                                       const std::string& granularity);

struct ServiceReportPage {
  std::shared_ptr<const AccessReportJob> job;
  Page<ServiceReport> page;
};
Result<ServiceReportPage> GetServiceLastAccessedDetails(OpContext& ctx, const std::string& job_id,
                                                        const PageRequest& page);

struct EntityReportPage {
  std::shared_ptr<const AccessReportJob> job;
  Page<EntityLastAccess> page;
};
Result<EntityReportPage> GetServiceLastAccessedDetailsWithEntities(OpContext& ctx,
                                                                   const std::string& job_id,
                                                                   const std::string& service_ns,
                                                                   const PageRequest& page);

// An account outside AWS Organizations: the job is accepted and fails (see README).
Result<std::string> GenerateOrganizationsAccessReport(OpContext& ctx,
                                                      const std::string& entity_path);
Result<OrganizationsReportJob> GetOrganizationsAccessReport(OpContext& ctx,
                                                            const std::string& job_id);
// The ErrorDetails of a failed organizations report.
inline constexpr const char* kOrganizationsReportErrorCode = "AWSOrganizationsNotInUseException";
inline constexpr const char* kOrganizationsReportErrorMessage =
    "Your account isn't a member of an organization. To make this request, you must use the "
    "credentials of an account that belongs to an organization.";

struct PolicyGrant {
  std::string policy_name;
  std::string policy_type;  // "INLINE" or "MANAGED"
  std::string policy_arn;   // MANAGED only
  std::string entity_type;  // INLINE only: "USER", "GROUP" or "ROLE"
  std::string entity_name;  // INLINE only
};
struct ServicePolicies {
  std::string ns;
  std::vector<PolicyGrant> policies;
};
// For each namespace, in the order given, the policies of the user, group or role `arn` (a
// user's include its groups') that allow some action of that service.
Result<std::vector<ServicePolicies>> ListPoliciesGrantingServiceAccess(
    OpContext& ctx, const std::string& arn, const std::vector<std::string>& namespaces);

}  // namespace iamlite::ops
