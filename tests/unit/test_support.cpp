#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "shinrin/core/error.hpp"
#include "shinrin/io/scenario.hpp"

namespace shinrin::test {

std::string scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::path(SHINRIN_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

namespace {

// Runs `cmd` (stderr joined to stdout); returns its exit code and what it printed.
int run_command(const std::string& cmd, std::string& output) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot start " + cmd);
  output.clear();
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) output.append(buf.data(), n);
  const int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int run_cli(const std::string& args, std::string& output) {
  return run_command(std::string(SHINRIN_EXE) + " " + args + " 2>&1", output);
}

int run_python(const std::string& script, const std::string& args, std::string& output) {
  return run_command("/usr/bin/python3 " + repo("tests/python/" + script) + " " + args + " 2>&1",
                     output);
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  INFO("replacing '" << from << "'");
  REQUIRE(count_of(text, from) == 1);
  return text.replace(text.find(from), from.size(), to);
}

int line_of(const std::string& text, const std::string& needle) {
  INFO("looking for '" << needle << "'");
  REQUIRE(count_of(text, needle) == 1);
  const auto pos = text.find(needle);
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

std::string place(const std::string& file, const std::string& text, const std::string& needle,
                  std::size_t offset) {
  const int line = line_of(text, needle);
  const auto pos = text.find(needle) + offset;
  const auto bol = text.rfind('\n', pos);
  const auto column = pos - (bol == std::string::npos ? 0 : bol + 1) + 1;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError");
  return {};
}

std::string expand(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    const std::string mark = "{" + name + "}";
    for (auto pos = text.find(mark); pos != std::string::npos;
         pos = text.find(mark, pos + value.size())) {
      text.replace(pos, mark.size(), value);
    }
  }
  return text;
}

std::string write_scenario(const std::string& dir, const std::string& name,
                           const std::string& text) {
  const std::string path = dir + "/" + name;
  write_file(path, text);
  return path;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

driver::Loaded prepare(const std::string& scenario_path) {
  return driver::load(io::load_scenario(scenario_path));
}

std::string with_repo_data(std::string text) {
  const std::string from = "../data/", to = repo("data/");
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

}  // namespace shinrin::test
