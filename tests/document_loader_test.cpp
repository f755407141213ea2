#include <catch2/catch.hpp>

#include "traj/document_loader.hpp"

using namespace traj;

namespace {
Document load(std::map<std::string, std::string> files, Diagnostics& diagnostics) {
  const EmbeddedSourceProvider sources(std::move(files));
  return load_document("dir/main.toml", sources, diagnostics);
}
}  // namespace

TEST_CASE("values keep their file, line and column") {
  Diagnostics diagnostics;
  const auto document = load({{"dir/main.toml", "a = 1\n[table]\n  b = \"x\"\n"}}, diagnostics);
  REQUIRE(diagnostics.empty());
  const ConfigNode* b = document.root.find("table")->find("b");
  REQUIRE(b != nullptr);
  CHECK(b->where.file == "dir/main.toml");
  CHECK(b->where.line == 3);
  CHECK(b->where.column == 7);
  CHECK(b->text == "x");
}

TEST_CASE("keys come in document order") {
  Diagnostics diagnostics;
  const auto document = load({{"dir/main.toml", "zeta = 1\nalpha = 2\nmid = 3\n"}}, diagnostics);
  CHECK(document.root.keys == std::vector<std::string>{"zeta", "alpha", "mid"});
}

TEST_CASE("includes are relative to the including file and merged under it") {
  Diagnostics diagnostics;
  const auto document =
      load({{"dir/main.toml",
             "include = [\"shared/factors.toml\"]\n[factors]\nb = 20\n[[list]]\nid = \"main\"\n"},
            {"dir/shared/factors.toml", "[factors]\na = 1\nb = 2\n[[list]]\nid = \"shared\"\n"}},
           diagnostics);
  REQUIRE(diagnostics.empty());
  const ConfigNode* factors = document.root.find("factors");
  CHECK(factors->find("a")->integer == 1);   // from the include
  CHECK(factors->find("b")->integer == 20);  // the including file wins
  CHECK(factors->find("a")->where.file == "dir/shared/factors.toml");
  const ConfigNode* list = document.root.find("list");
  REQUIRE(list->children.size() == 2);  // arrays of tables concatenate
  CHECK(list->children[0].find("id")->text == "shared");
  CHECK(list->children[1].find("id")->text == "main");
  CHECK(document.root.find("include") == nullptr);
  CHECK(document.files == std::vector<std::string>{"dir/main.toml", "dir/shared/factors.toml"});
}

TEST_CASE("a missing include is reported where it is named") {
  Diagnostics diagnostics;
  load({{"dir/main.toml", "x = 1\ninclude = [\"nowhere.toml\"]\n"}}, diagnostics);
  REQUIRE(diagnostics.total() == 1);
  const auto& error = diagnostics.kept().front();
  CHECK(error.where.line == 2);
  CHECK(error.where.column == 12);
  CHECK(error.key_path == "include");
  CHECK_THAT(error.message, Catch::Contains("dir/nowhere.toml"));
}

TEST_CASE("circular includes are named") {
  Diagnostics diagnostics;
  load({{"dir/main.toml", "include = \"a.toml\"\n"},
        {"dir/a.toml", "include = \"b.toml\"\n"},
        {"dir/b.toml", "include = \"main.toml\"\n"}},
       diagnostics);
  REQUIRE(diagnostics.total() == 1);
  CHECK_THAT(diagnostics.kept().front().message,
             Catch::Contains("dir/main.toml -> dir/a.toml -> dir/b.toml -> dir/main.toml"));
  CHECK(diagnostics.kept().front().where.file == "dir/b.toml");
}

TEST_CASE("syntax errors carry their position") {
  Diagnostics diagnostics;
  load({{"dir/main.toml", "a = 1\nb = = 2\n"}}, diagnostics);
  REQUIRE(diagnostics.total() == 1);
  CHECK(diagnostics.kept().front().where.line == 2);
  CHECK_THAT(diagnostics.kept().front().message, Catch::StartsWith("invalid TOML"));
}

TEST_CASE("diagnostics are capped but counted") {
  Diagnostics diagnostics(3);
  for (int i = 0; i < 5; ++i) diagnostics.add({"f", i + 1, 1}, "k", "m");
  CHECK(diagnostics.total() == 5);
  CHECK(diagnostics.kept().size() == 3);
  try {
    diagnostics.throw_if_any();
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK_THAT(std::string(error.what()), Catch::Contains("2 more error(s) not shown"));
    CHECK_THAT(std::string(error.what()), Catch::StartsWith("f:1:1: error: k: m"));
  }
}

TEST_CASE("a file included by two others is read and merged once, where first included") {
  Diagnostics diagnostics;
  const auto document = load({{"dir/main.toml", "include = [\"a.toml\", \"b.toml\"]\n"},
                              {"dir/a.toml", "include = \"shared.toml\"\n[factors]\nx = 2\n"},
                              {"dir/b.toml", "include = \"./shared.toml\"\n[[list]]\nid = \"b\"\n"},
                              {"dir/shared.toml", "[factors]\nx = 1\n[[list]]\nid = \"shared\"\n"}},
                             diagnostics);
  REQUIRE(diagnostics.empty());
  CHECK(document.files ==
        std::vector<std::string>{"dir/main.toml", "dir/a.toml", "dir/shared.toml", "dir/b.toml"});
  CHECK(document.texts.size() == 4);
  CHECK(document.texts[2] == "[factors]\nx = 1\n[[list]]\nid = \"shared\"\n");
  // a's value stands: shared.toml is not merged again under b.
  CHECK(document.root.find("factors")->find("x")->integer == 2);
  const ConfigNode* list = document.root.find("list");
  REQUIRE(list->children.size() == 2);
  CHECK(list->children[0].find("id")->text == "shared");
  CHECK(list->children[1].find("id")->text == "b");
}

TEST_CASE("strings may hold line breaks and tabs, no other control character") {
  Diagnostics fine;
  const auto document =
      load({{"dir/main.toml", "text = \"\"\"one\n\ttwo\"\"\"\nname = \"été\"\n"}}, fine);
  REQUIRE(fine.empty());
  CHECK(document.root.find("text")->text == "one\n\ttwo");
  for (const char* escape : {"\\r", "\\u0000", "\\u001f", "\\u007f", "\\u0085", "\\u009f"}) {
    Diagnostics diagnostics;
    load({{"dir/main.toml", std::string("x = 1\n[t]\nname = \"ab") + escape + "\"\n"}},
         diagnostics);
    REQUIRE(diagnostics.total() == 1);
    const auto& error = diagnostics.kept().front();
    CHECK(error.where.line == 3);
    CHECK(error.key_path == "t.name");
    CHECK_THAT(error.message, Catch::EndsWith(" at character 3"));
  }
  // U+00A0 (no-break space) and U+2028 follow C1 in UTF-8 but are no controls.
  Diagnostics other;
  load({{"dir/main.toml", "name = \"a\\u00a0b\\u2028c\"\n"}}, other);
  CHECK(other.empty());
}
