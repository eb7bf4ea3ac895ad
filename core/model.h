// The AWS service models (IAM, STS) as fast lookup structures: operations and shapes with
// their constraints. scripts/gen-model extracts the JSON from botocore; the build compiles it
// into the binary as data (tools/model_pack, model_packed.h), loaded once on first use.
// Immutable after loading; safe to share across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/model_packed.h"

namespace re2 {
class RE2;
}

namespace iamlite {

enum class ShapeType {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kBoolean,
  kTimestamp,
  kBlob,
  kDouble,
  kFloat
};

struct Shape;

struct Member {
  std::string name;       // as in the model and on the wire, e.g. "UserName"
  std::string path_name;  // as AWS names it in validation messages, e.g. "userName"
  const Shape* shape = nullptr;
  bool required = false;
};

struct Shape {
  Shape();
  ~Shape();
  Shape(const Shape&) = delete;
  Shape& operator=(const Shape&) = delete;

  std::string name;
  ShapeType type = ShapeType::kString;
  std::vector<Member> members;    // structure
  const Shape* member = nullptr;  // list element
  const Shape* key = nullptr;     // map key
  const Shape* value = nullptr;   // map value
  std::optional<std::int64_t> min, max;
  std::string pattern;      // the model's (Java) text, quoted in error messages
  std::string re2_pattern;  // the same pattern translated to RE2 (empty: none)
  std::string forbid;       // a substring the pattern forbids through look-ahead, if any
  std::vector<std::string> enum_values;
  bool sensitive = false;
  // Error shapes only.
  std::string error_code;
  int error_status = 400;
  bool sender_fault = true;

  const Member* FindMember(std::string_view name) const;
  // Whole-string match against the pattern (true when the shape has none). The pattern is
  // compiled on first use (thread-safe), not when the model loads: compiling the IAM model's
  // few hundred patterns was half of the server's start-up. An uncompilable pattern matches
  // nothing (model_test compiles every pattern of the embedded models).
  bool MatchesPattern(std::string_view value) const;
  // Compiles the pattern now; false with `error` set when RE2 rejects it.
  bool CompilePattern(std::string* error = nullptr) const;

 private:
  mutable std::once_flag regex_once_;
  mutable std::unique_ptr<re2::RE2> regex_;
};

struct Operation {
  std::string name;
  const Shape* input = nullptr;   // may be null: no input members
  const Shape* output = nullptr;  // may be null: empty result
  std::string result_wrapper;     // e.g. "CreateUserResult"
  std::vector<const Shape*> errors;
};

class ServiceModel {
 public:
  ~ServiceModel();
  // Parses the generated model JSON. Fails with ServiceFailure on a malformed model.
  static Result<std::unique_ptr<ServiceModel>> Parse(std::string_view json_text);
  // The model over its packed form (model_packed.h), which must outlive it. Nothing is built
  // yet: an operation or shape is built the first time it is looked up, with the shapes it
  // refers to (under a mutex; what is built never changes). A server's first request then
  // builds the few dozen shapes of its operation instead of the whole model's hundreds:
  // building all of IAM's 571 took about 2.4 ms of CPU, most of it faulting in new memory.
  // Pack gives a model's packed data as C++ source (tools/model_pack), defining
  // `const PackedModel <symbol>`.
  static std::unique_ptr<ServiceModel> Unpack(const PackedModel& packed);
  std::string Pack(const std::string& symbol) const;

  const Operation* FindOperation(std::string_view name) const;
  const Shape* FindShape(std::string_view name) const;
  // Every operation, in name order (building them all).
  const std::vector<const Operation*>& operations() const;
  // Every shape, in name order (building them all).
  std::vector<const Shape*> shapes() const;
  // How many shapes exist so far (a packed model's built ones; for tests).
  std::size_t built_shape_count() const;

  const std::string& api_version() const { return api_version_; }
  const std::string& xml_namespace() const { return xml_namespace_; }
  const std::string& endpoint_prefix() const { return endpoint_prefix_; }

 private:
  ServiceModel();
  static Result<std::unique_ptr<ServiceModel>> ParseUnchecked(std::string_view json_text);
  std::string api_version_, xml_namespace_, endpoint_prefix_;
  std::unordered_map<std::string, std::unique_ptr<Shape>> shapes_;  // a parsed model's
  std::unordered_map<std::string, Operation> operations_;
  std::vector<const Operation*> operation_list_;  // sorted by name
  struct Packed;  // a packed model's lazily built shapes and operations (model_packed.cc)
  std::unique_ptr<Packed> packed_;
};

// The models compiled into the binary (model_packed.h), built on first use (thread-safe).
const ServiceModel& IamModel();
const ServiceModel& StsModel();

// "UserName" -> "userName": how AWS names members in validation messages.
std::string LowerCamel(std::string_view name);

}  // namespace iamlite
