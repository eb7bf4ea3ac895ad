// JsonTree (core/state/json_tree.h), the parser of snapshots and journal records: it must read
// what nlohmann::json reads, the same way, refuse what nlohmann refuses (plus duplicate keys,
// deep nesting and text after a NUL), and the decoders must give the same entities, and the
// same errors, through it as through nlohmann.
#include "core/state/json_tree.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>

#include "core/state/change_json.h"
#include "core/state/crc32.h"
#include "core/state/document.h"
#include "core/state/entity_json.h"
#include "core/state/journal.h"
#include "core/state/state_dir.h"
#include "tests/unit/op_test_base.h"
#include "tests/unit/state_test_util.h"

namespace iamlite {
namespace {

using nlohmann::json;
using state::JsonNode;
using state::JsonTree;

// Whether the tree holds the same values as nlohmann's parse of the same text.
::testing::AssertionResult Same(const json& j, const JsonNode& n, const std::string& at = "$") {
  auto fail = [&](const char* what) { return ::testing::AssertionFailure() << at << ": " << what; };
  switch (j.type()) {
    case json::value_t::null:
      if (!n.is_null()) return fail("not null");
      break;
    case json::value_t::boolean:
      if (!n.is_boolean() || n.get<bool>() != j.get<bool>()) return fail("boolean differs");
      break;
    case json::value_t::number_integer:
      if (!n.is_number_integer() || n.is_number_unsigned() != j.is_number_unsigned() ||
          n.get<std::int64_t>() != j.get<std::int64_t>())
        return fail("integer differs");
      break;
    case json::value_t::number_unsigned:
      if (!n.is_number_unsigned() || n.get<std::uint64_t>() != j.get<std::uint64_t>())
        return fail("unsigned differs");
      break;
    case json::value_t::number_float:
      if (!n.is_number_float()) return fail("not a float");
      break;
    case json::value_t::string:
      if (!n.is_string() || n.get<std::string>() != j.get<std::string>())
        return fail("string differs");
      break;
    case json::value_t::array:
      if (!n.is_array() || n.size() != j.size()) return fail("array differs");
      for (std::size_t i = 0; i < j.size(); ++i)
        if (auto r = Same(j[i], n[i], at + "[" + std::to_string(i) + "]"); !r) return r;
      break;
    case json::value_t::object: {
      if (!n.is_object() || n.size() != j.size()) return fail("object differs");
      for (auto it = n.begin(); it != n.end(); ++it) {
        std::string key(it.key());
        if (!j.contains(key)) return fail("extra key");
        if (n.find(key) != it) return fail("find disagrees");
        if (auto r = Same(j.at(key), it.value(), at + "." + key); !r) return r;
      }
      break;
    }
    default:
      return fail("unexpected kind");
  }
  return ::testing::AssertionSuccess();
}

TEST(JsonTreeTest, ReadsWhatNlohmannReads) {
  const char* docs[] = {
      "{}",
      "[]",
      "  \t\r\n[ ]  ",
      "null",
      "true",
      "0",
      "-0",
      "\"\"",
      R"({"a":1,"b":[true,false,null],"c":{"d":"e"},"f":[[],[{}]]})",
      "[18446744073709551615, 18446744073709551616, -9223372036854775808,"
      " -9223372036854775809, 9223372036854775807, 1.5, -2e-3, 1E+2, 0.0]",
      R"(["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u20ac\ud83d\ude00", "\u0000x", "caf\u00E9"])",
      "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xed\x9f\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf\"]",
      "\xEF\xBB\xBF{\"bom\":1}",
      R"({"k\"ey":1,"k\\ey":2,"":3})",
      "[1e-400]",
  };
  JsonTree tree;
  for (const char* text : docs) {
    auto root = tree.Parse(text);
    ASSERT_TRUE(root.has_value()) << text << ": " << root.error().ToString();
    EXPECT_TRUE(Same(json::parse(text), **root)) << text;
  }
}

TEST(JsonTreeTest, ArraysIndexAndIterate) {
  std::string text = "[";
  for (int i = 0; i < 1000; ++i) text += (i ? ",[" : "[") + std::to_string(i) + ",{\"x\":[]}]";
  text += "]";
  JsonTree tree;
  auto root = tree.Parse(text);
  ASSERT_TRUE(root.has_value());
  ASSERT_EQ((*root)->size(), 1000u);
  EXPECT_EQ((**root)[737][0].get<std::int64_t>(), 737);
  std::size_t n = 0;
  for (auto it = (*root)->begin(); it != (*root)->end(); ++it, ++n) EXPECT_EQ(&*it, &(**root)[n]);
  EXPECT_EQ(n, 1000u);
  EXPECT_TRUE(Same(json::parse(text), **root));
}

TEST(JsonTreeTest, RefusesWhatNlohmannRefuses) {
  const char* bad[] = {
      "",
      " ",
      "{",
      "[1,]",
      "{\"a\":1,}",
      "{\"a\" 1}",
      "{1:2}",
      "[01]",
      "[1.]",
      "[.5]",
      "[1e]",
      "[-]",
      "[+1]",
      "[1e400]",
      "[-1e400]",
      "[tru]",
      "[nul]",
      "[\"\\x\"]",
      "[\"\\u12\"]",
      "[\"\\ud800\"]",
      "[\"\\ud800\\u0041\"]",
      "[\"\\udc00\"]",
      "[\"a\nb\"]",
      "[\"\xc0\x80\"]",
      "[\"\xed\xa0\x80\"]",
      "[\"\xf4\x90\x80\x80\"]",
      "[\"\xf5\x80\x80\x80\"]",
      "[\"\xe2\x82\"]",
      "[\"\x80\"]",
      "\"unterminated",
      "[1] 2",
      "[1]]",
      "\xEF\xBB{}",
  };
  JsonTree tree;
  for (const char* text : bad) {
    EXPECT_TRUE(json::parse(text, nullptr, false).is_discarded()) << text;
    auto root = tree.Parse(text);
    ASSERT_FALSE(root.has_value()) << text;
    EXPECT_TRUE(root.error().message.starts_with("not JSON: ")) << root.error().message;
  }
}

TEST(JsonTreeTest, RefusesDuplicateKeysDeepNestingAndTextAfterNul) {
  JsonTree tree;
  auto dup = tree.Parse("{\"users\": [],\n \"x\": {\"a\": 1, \"b\": 2, \"a\": 3}}");
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().message, "not JSON: duplicate key \"a\" in this object (line 2, column 7)");
  // nlohmann keeps the last of them, silently; ParseJsonTree reports the tree's refusal.
  auto via = state::ParseJsonTree(tree, R"({"a":1,"a":2})");
  ASSERT_FALSE(via.has_value());
  EXPECT_NE(via.error().message.find("duplicate key \"a\""), std::string::npos);

  std::string deep(JsonTree::kMaxDepth, '[');
  deep += std::string(JsonTree::kMaxDepth, ']');
  EXPECT_TRUE(tree.Parse(deep).has_value());
  std::string deeper = "[" + deep + "]";
  auto too_deep = tree.Parse(deeper);
  ASSERT_FALSE(too_deep.has_value());
  EXPECT_NE(too_deep.error().message.find("nested deeper than 512 levels"), std::string::npos);

  std::string nul("{}\0{}", 5);
  EXPECT_FALSE(json::parse(nul, nullptr, false).is_discarded());  // nlohmann stops at the NUL
  EXPECT_FALSE(tree.Parse(nul).has_value());
}

// A syntax error reads as ParseJsonText's, word for word.
// Of several unknown members, both readers name the first in key order, whatever the order
// in the text (found by state_fuzz: the tree named the first in document order).
TEST(JsonTreeTest, BothReadersNameTheSameUnknownField) {
  const std::string text =
      R"({"name": "u", "zeta": 1, "id": "AIDAEXAMPLE", "alpha": 2, "create_date": "x"})";
  auto parsed = json::parse(text);
  JsonTree tree;
  auto node = tree.Parse(text);
  ASSERT_TRUE(node.has_value());
  auto error = [](const auto& in) -> std::string {
    try {
      state::DecodeContext ctx;
      state::DecodeUser(in, ctx);
    } catch (const state::DecodeError& e) {
      return state::StateError{e.path, e.message}.ToString();
    }
    return "decoded";
  };
  EXPECT_EQ(error(state::JsonIn(parsed)), "$.alpha: unknown field");
  EXPECT_EQ(error(state::TreeIn(**node)), "$.alpha: unknown field");
}

TEST(JsonTreeTest, SyntaxErrorsKeepNlohmannsMessages) {
  JsonTree tree;
  for (const char* text : {"{\"a\": [1, 2,, 3]}", "[\"\\ud800\"]", "{\n  \"a\": tru\n}", ""}) {
    auto old = state::ParseJsonText(text);
    auto now = state::ParseJsonTree(tree, text);
    ASSERT_FALSE(old.has_value());
    ASSERT_FALSE(now.has_value());
    EXPECT_EQ(now.error().ToString(), old.error().ToString()) << text;
  }
}

// The tree is reused from text to text, as each snapshot-loading thread reuses its own.
TEST(JsonTreeTest, ReusedTreesForgetThePreviousText) {
  JsonTree tree;
  ASSERT_TRUE(tree.Parse(R"({"a":["x\ny", 1, {"b": "\u00e9"}]})").has_value());
  ASSERT_FALSE(tree.Parse("[1, 2").has_value());
  auto root = tree.Parse(R"(["\t", "z"])");
  ASSERT_TRUE(root.has_value());
  EXPECT_TRUE(Same(json::parse(R"(["\t", "z"])"), **root));
  EXPECT_EQ(tree.node_count(), 3u);
}

class JsonTreeDecodeTest : public testing::OpTest {
 protected:
  void SetUp() override { testing::BuildRichAccount(ctx_, clock_); }
};

// The decoders give the same entities through the tree as through nlohmann, for every entity
// kind and field of the rich account, and the same change ops.
TEST_F(JsonTreeDecodeTest, SameEntitiesAsThroughNlohmann) {
  const AccountState before = store_.Snapshot().at("123456789012");
  const json account = state::ToJson(before, {});
  const std::string text = account.dump();
  JsonTree tree;
  auto root = tree.Parse(text);
  ASSERT_TRUE(root.has_value()) << root.error().ToString();
  state::DecodeContext c1, c2;
  AccountState old_way = state::DecodeAccount(state::JsonIn(account), "123456789012", c1);
  AccountState new_way = state::DecodeAccount(state::TreeIn(**root), "123456789012", c2);
  EXPECT_EQ(state::ToJson(new_way, {}), state::ToJson(old_way, {}));
  EXPECT_EQ(state::ToJson(new_way, {}), account);
  ASSERT_FALSE(new_way.roles.empty());
  EXPECT_NE(new_way.roles.begin()->second->assume_role_policy.Parsed(), nullptr);

  Change c;
  c.Upsert("sally", *before.users.at("sally")).Remove<User>("bob");
  c.Upsert("app", *before.roles.at("app"));
  c.Upsert("reads3", *before.policies.at("reads3"));
  c.SetSettings(*before.settings);
  const json ops = state::ToJson(c);
  const std::string ops_text = ops.dump();
  auto ops_root = tree.Parse(ops_text);
  ASSERT_TRUE(ops_root.has_value());
  state::DecodeContext c3;
  Change back = state::DecodeChange(state::TreeIn(**ops_root), c3);
  EXPECT_EQ(state::ToJson(back), ops);
}

// A broken account fails at the same path with the same message either way.
TEST_F(JsonTreeDecodeTest, SameErrorsAsThroughNlohmann) {
  const json account = state::ToJson(store_.Snapshot().at("123456789012"), {});
  std::vector<std::function<void(json&)>> breaks = {
      [](json& a) { a["users"][0]["nickname"] = "x"; },
      [](json& a) { a["users"][0].erase("name"); },
      [](json& a) { a["users"][0]["name"] = 7; },
      [](json& a) { a["users"][1]["name"] = a["users"][0]["name"]; },
      [](json& a) { a["users"][0]["create_date"] = "yesterday"; },
      [](json& a) { a["users"][0]["path"] = "eng"; },
      [](json& a) { a["users"][2]["groups"][0] = "nobody"; },
      [](json& a) {
        a["users"][2]["tags"] = json::array({{{"key", "k"}}, {{"key", "k"}}});
      },
      [](json& a) { a["users"][0]["inline_policies"]["a"] = "{not json"; },
      [](json& a) { a["roles"][0]["assume_role_policy"] = 3; },
      [](json& a) { a["policies"][0]["attachment_count"] = 99; },
      [](json& a) { a["policies"][0]["attachment_count"] = 1e20; },
      [](json& a) { a["policies"][0]["attachment_count"] = -1; },
      [](json& a) { a["access_keys"][0]["user"] = "nobody"; },
      [](json& a) { a["settings"]["aws_policy_attachments"] = json::array(); },
      [](json& a) { a["groups"] = json::object(); },
  };
  JsonTree tree;
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    json broken = account;
    breaks[i](broken);
    const std::string text = broken.dump();
    auto root = tree.Parse(text);
    ASSERT_TRUE(root.has_value());
    std::string old_error, new_error;
    try {
      state::DecodeContext ctx;
      state::DecodeAccount(state::JsonIn(broken), "123456789012", ctx);
    } catch (const state::DecodeError& e) {
      old_error = e.path + ": " + e.message;
    }
    try {
      state::DecodeContext ctx;
      state::DecodeAccount(state::TreeIn(**root), "123456789012", ctx);
    } catch (const state::DecodeError& e) {
      new_error = e.path + ": " + e.message;
    }
    EXPECT_FALSE(old_error.empty()) << i;
    EXPECT_EQ(new_error, old_error) << i;
  }
}

TEST(MappedFileTest, MapsTheWholeFileAndRefusesDirectories) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("iamlite-mapped-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string text = "IAMLSNP2" + std::string(100000, 'x') + "end";
  std::ofstream(dir / "f") << text;
  std::ofstream(dir / "empty").flush();
  auto f = state::MappedFile::Open((dir / "f").string());
  ASSERT_TRUE(f.has_value()) << f.error();
  EXPECT_EQ(f->bytes(), text);
  auto moved = std::move(*f);
  EXPECT_EQ(moved.bytes(), text);
  auto e = state::MappedFile::Open((dir / "empty").string());
  ASSERT_TRUE(e.has_value());
  EXPECT_TRUE(e->bytes().empty());
  auto d = state::MappedFile::Open(dir.string());
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(d.error().find("cannot read"), std::string::npos);
  EXPECT_FALSE(state::MappedFile::Open((dir / "missing").string()).has_value());
  fs::remove_all(dir);
}

// Frames found by length alone, their checksums checked afterwards, as snapshot loading does.
TEST(FrameScanTest, LengthsFirstChecksumsAfter) {
  std::string bytes = "IAMLSNP2" + state::FrameRecord("{\"a\":1}") + state::FrameRecord("{}");
  auto scan = state::ScanFrames(bytes, "IAMLSNP2", false, /*check_crc=*/false);
  ASSERT_EQ(scan.records.size(), 2u);
  EXPECT_TRUE(state::FrameChecksumOk(bytes, scan.offsets[0]));
  EXPECT_TRUE(state::FrameChecksumOk(bytes, scan.offsets[1]));
  bytes[scan.offsets[0] + 8 + 5] = '2';  // the payload changes, its checksum does not
  auto again = state::ScanFrames(bytes, "IAMLSNP2", false, /*check_crc=*/false);
  ASSERT_EQ(again.records.size(), 2u);
  EXPECT_FALSE(state::FrameChecksumOk(bytes, again.offsets[0]));
  EXPECT_TRUE(state::FrameChecksumOk(bytes, again.offsets[1]));
  auto full = state::ScanFrames(bytes, "IAMLSNP2");
  EXPECT_EQ(full.tail, state::JournalScan::Tail::kCorrupt);
}

// Snapshots and journals read through the tree: what it refuses beyond nlohmann, and a bad
// checksum found on a decoding thread, still refuse start-up with a message naming the place.
class TreeLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/iamlite-tree-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ + "/" + name, std::ios::binary | std::ios::trunc) << bytes;
  }
  std::string OpenError() {
    auto d = state::StateDir::Open({dir_, 16u << 20, nullptr});
    return d ? "" : d.error();
  }
  static std::string Header(int accounts) {
    return state::FrameRecord(json{
        {"format", "iamlite-snapshot"},
        {"version", 2},
        {"journal", 1},
        {"accounts", accounts}}.dump());
  }
  std::string dir_;
};

TEST_F(TreeLoadTest, SnapshotFramesAreCheckedAndDecodedStrictly) {
  const std::string good = state::FrameRecord(R"({"id":"123456789012","account":{}})");
  const std::string dup = state::FrameRecord(R"({"id":"123456789013","id":"1","account":{}})");
  const std::string head = Header(2);
  Write("snapshot.iaml", "IAMLSNP2" + head + good + dup);
  EXPECT_NE(
      OpenError().find("the account at offset " + std::to_string(8 + head.size() + good.size()) +
                       ": not JSON: duplicate key \"id\" in this object (line 1, column 1)"),
      std::string::npos)
      << OpenError();

  const std::string syntax = state::FrameRecord(R"({"id":"123456789013","account":{}})"
                                                "x");
  Write("snapshot.iaml", "IAMLSNP2" + head + good + syntax);
  EXPECT_NE(OpenError().find(": not JSON: syntax error"), std::string::npos) << OpenError();

  // The second account's checksum is wrong: found on a decoding thread, reported as the
  // serial scan reports it.
  std::string bad_crc = state::FrameRecord(R"({"id":"123456789013","account":{}})");
  bad_crc[4] = static_cast<char>(bad_crc[4] ^ 1);
  Write("snapshot.iaml", "IAMLSNP2" + head + good + bad_crc);
  EXPECT_NE(OpenError().find("a record whose checksum does not match at offset " +
                             std::to_string(8 + head.size() + good.size()) +
                             "; the snapshot is damaged, refusing to start"),
            std::string::npos)
      << OpenError();

  Write("snapshot.iaml",
        "IAMLSNP2" + head + good + state::FrameRecord(R"({"id":"123456789013","account":{}})"));
  EXPECT_EQ(OpenError(), "");
}

TEST_F(TreeLoadTest, JournalRecordsAreDecodedStrictly) {
  const std::string record =
      R"({"type":"change","account":"123456789012","created":"2024-01-01T00:00:00.000Z",)"
      R"("ops":[{"op":"erase","type":"user","key":"a","key":"b"}]})";
  Write("journal-000000000001.log", std::string(state::kJournalMagic) + state::FrameRecord(record));
  EXPECT_NE(OpenError().find("record at offset 8: not JSON: duplicate key \"key\""),
            std::string::npos)
      << OpenError();
}

}  // namespace
}  // namespace iamlite
