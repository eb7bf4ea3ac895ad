#include "server/query_decoder.h"

#include <charconv>
#include <ctime>
#include <vector>

#include "core/base64.h"

namespace iamlite {
namespace {

using nlohmann::json;

// Number of Unicode code points (the model's string lengths count characters).
std::int64_t CodePoints(std::string_view s) {
  std::int64_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool HasPrefix(const Params& p, const std::string& prefix) {
  auto it = p.lower_bound(prefix);
  return it != p.end() && it->first.starts_with(prefix);
}

std::optional<std::int64_t> ParseTimestamp(std::string_view v) {
  // ISO 8601 "YYYY-MM-DDThh:mm:ss[.fff]Z" or epoch seconds.
  std::int64_t secs = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), secs);
  if (ec == std::errc() && end == v.data() + v.size()) return secs * 1000;
  std::tm tm{};
  std::string s(v);
  const char* rest = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!rest) return std::nullopt;
  if (*rest == '.')
    while (*++rest >= '0' && *rest <= '9') {
    }
  if (*rest != 'Z' && *rest != '\0') return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

class Decoder {
 public:
  Decoder(const Params& p, const DecodeOptions& o) : params_(p), opts_(o) {}

  json Structure(const Shape& shape, const std::string& prefix, const std::string& path) {
    json obj = json::object();
    for (const Member& m : shape.members) {
      std::string key = prefix.empty() ? m.name : prefix + "." + m.name;
      std::string mpath = path.empty() ? m.path_name : path + "." + m.path_name;
      std::optional<json> v = Value(*m.shape, key, mpath);
      if (!v) {
        if (m.required) FailNull(mpath);
        continue;
      }
      obj[m.name] = std::move(*v);
    }
    return obj;
  }

  std::string Message() const {
    std::string msg =
        std::to_string(errors_.size()) +
        (errors_.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (size_t i = 0; i < errors_.size(); ++i) {
      if (i) msg += "; ";
      msg += errors_[i];
    }
    return msg;
  }
  bool ok() const { return errors_.empty() && !type_error_; }
  const std::optional<IamError>& type_error() const { return type_error_; }

 private:
  std::optional<json> Value(const Shape& s, const std::string& key, const std::string& path) {
    switch (s.type) {
      case ShapeType::kStructure:
        if (!HasPrefix(params_, key + ".")) return std::nullopt;
        return Structure(s, key, path);
      case ShapeType::kList:
        return List(s, key, path);
      case ShapeType::kMap:
        return Map(s, key, path);
      default: {
        auto it = params_.find(key);
        if (it == params_.end()) return std::nullopt;
        return Scalar(s, it->second, path);
      }
    }
  }

  std::optional<json> List(const Shape& s, const std::string& key, const std::string& path) {
    auto bare = params_.find(key);
    bool any = HasPrefix(params_, key + ".member.");
    if (!any && bare == params_.end()) return std::nullopt;
    json arr = json::array();
    bool element_failed = false;
    for (int i = 1;; ++i) {
      std::string ekey = key + ".member." + std::to_string(i);
      std::string epath = path + "." + std::to_string(i) + ".member";
      bool scalar = s.member->type != ShapeType::kStructure && s.member->type != ShapeType::kList &&
                    s.member->type != ShapeType::kMap;
      if (scalar) {
        auto it = params_.find(ekey);
        if (it == params_.end()) break;
        auto v = Scalar(*s.member, it->second, epath, /*record=*/false);
        if (!v || (s.member->type == ShapeType::kString && !StringOk(*s.member, it->second)))
          element_failed = true;
        if (v) arr.push_back(std::move(*v));
      } else {
        auto v = Value(*s.member, ekey, epath);
        if (!v) break;
        arr.push_back(std::move(*v));
      }
    }
    // A failing element of a list of strings is reported once, at the list, listing every
    // constraint of the element shape (as AWS does for tagKeys).
    if (element_failed)
      Fail(path, nullptr,
           "Member must satisfy constraint: [" + ElementConstraints(*s.member) + "]");
    CheckLength(s, static_cast<std::int64_t>(arr.size()), path, nullptr);
    return arr;
  }

  std::optional<json> Map(const Shape& s, const std::string& key, const std::string& path) {
    if (!HasPrefix(params_, key + ".entry.") && !params_.contains(key)) return std::nullopt;
    json obj = json::object();
    for (int i = 1;; ++i) {
      std::string base = key + ".entry." + std::to_string(i);
      auto k = params_.find(base + ".key");
      if (k == params_.end()) break;
      auto v = Value(*s.value, base + ".value", path + "." + std::to_string(i) + ".value");
      Scalar(*s.key, k->second, path + "." + std::to_string(i) + ".key");
      obj[k->second] = v ? std::move(*v) : json();
    }
    CheckLength(s, static_cast<std::int64_t>(obj.size()), path, nullptr);
    return obj;
  }

  std::optional<json> Scalar(const Shape& s, const std::string& raw, const std::string& path,
                             bool record = true) {
    switch (s.type) {
      case ShapeType::kString: {
        if (record) {
          CheckLength(s, CodePoints(raw), path, &raw);
          if (!s.enum_values.empty() &&
              std::find(s.enum_values.begin(), s.enum_values.end(), raw) == s.enum_values.end())
            Fail(path, &raw, "Member must satisfy enum value set");
          if (!s.MatchesPattern(raw))
            Fail(path, &raw, "Member must satisfy regular expression pattern: " + s.pattern);
        }
        return json(raw);
      }
      case ShapeType::kInteger:
      case ShapeType::kLong: {
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
        if (ec != std::errc() || end != raw.data() + raw.size()) {
          TypeError(path, raw, "an integer");
          return std::nullopt;
        }
        if (s.min && v < *s.min)
          Fail(path, &raw,
               "Member must have value greater than or equal to " + std::to_string(*s.min));
        if (s.max && v > *s.max)
          Fail(path, &raw,
               "Member must have value less than or equal to " + std::to_string(*s.max));
        return json(v);
      }
      case ShapeType::kDouble:
      case ShapeType::kFloat: {
        char* end = nullptr;
        double d = std::strtod(raw.c_str(), &end);
        if (raw.empty() || *end != '\0') {
          TypeError(path, raw, "a number");
          return std::nullopt;
        }
        return json(d);
      }
      case ShapeType::kBoolean: {
        if (raw == "true" || raw == "True" || raw == "TRUE") return json(true);
        if (raw == "false" || raw == "False" || raw == "FALSE") return json(false);
        TypeError(path, raw, "a boolean (true or false)");
        return std::nullopt;
      }
      case ShapeType::kTimestamp: {
        auto t = ParseTimestamp(raw);
        if (!t) {
          TypeError(path, raw, "a timestamp");
          return std::nullopt;
        }
        return json(*t);
      }
      case ShapeType::kBlob: {
        auto b = Base64Decode(raw);
        if (!b) {
          TypeError(path, raw, "base64-encoded");
          return std::nullopt;
        }
        return json(*b);
      }
      default:
        return std::nullopt;
    }
  }

  static bool StringOk(const Shape& s, const std::string& raw) {
    auto n = CodePoints(raw);
    if (s.min && n < *s.min) return false;
    if (s.max && n > *s.max) return false;
    if (!s.enum_values.empty() &&
        std::find(s.enum_values.begin(), s.enum_values.end(), raw) == s.enum_values.end())
      return false;
    return s.MatchesPattern(raw);
  }

  static std::string ElementConstraints(const Shape& s) {
    std::vector<std::string> parts;
    if (s.max)
      parts.push_back("Member must have length less than or equal to " + std::to_string(*s.max));
    if (s.min)
      parts.push_back("Member must have length greater than or equal to " + std::to_string(*s.min));
    if (!s.pattern.empty())
      parts.push_back("Member must satisfy regular expression pattern: " + s.pattern);
    if (!s.enum_values.empty()) parts.push_back("Member must satisfy enum value set");
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out;
  }

  void CheckLength(const Shape& s, std::int64_t n, const std::string& path,
                   const std::string* raw) {
    if (s.max && n > *s.max)
      Fail(path, raw, "Member must have length less than or equal to " + std::to_string(*s.max));
    if (s.min && n < *s.min)
      Fail(path, raw, "Member must have length greater than or equal to " + std::to_string(*s.min));
  }

  void Fail(const std::string& path, const std::string* raw, const std::string& constraint) {
    std::string value = raw && opts_.quote_values ? "Value '" + *raw + "'" : "Value";
    errors_.push_back(value + " at '" + path + "' failed to satisfy constraint: " + constraint);
  }

  void FailNull(const std::string& path) {
    errors_.push_back("Value null at '" + path +
                      "' failed to satisfy constraint: Member must not be null");
  }

  void TypeError(const std::string& path, const std::string& raw, const std::string& what) {
    if (!type_error_)
      type_error_ = IamError{"MalformedInput", 400,
                             "Value " + raw + " at '" + path + "' must be " + what + ".", true};
  }

  const Params& params_;
  DecodeOptions opts_;
  std::vector<std::string> errors_;
  std::optional<IamError> type_error_;
};

}  // namespace

Result<json> DecodeInput(const Shape* input, const Params& params, const DecodeOptions& options) {
  if (!input) return json::object();
  Decoder d(params, options);
  json tree = d.Structure(*input, "", "");
  if (d.type_error()) return std::unexpected(*d.type_error());
  if (!d.ok()) return std::unexpected(errors::ValidationError(d.Message()));
  return tree;
}

}  // namespace iamlite
