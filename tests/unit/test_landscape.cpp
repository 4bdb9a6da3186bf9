// Landscape: the register species names (樹種) per row survive classification, the canonical
// sort and permutation; rows keep an index into a table of the distinct names.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/setup/classify.hpp"
#include "shinrin/setup/raw.hpp"
#include "shinrin/state/landscape.hpp"
#include "test_support.hpp"

using namespace shinrin;

namespace {

// A record to simulate: key, species name, area 1 ha, age 30 years.
setup::RawRecord record(std::int64_t fid, const std::string& key, const std::string& species) {
  setup::RawRecord r;
  r.fid = fid;
  r.key = key;
  r.species = species;
  r.area = {true, true, 1.0, ""};
  r.age = {true, true, 30.0, ""};
  return r;
}

std::vector<std::string> names_of(const Landscape& p) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < p.size(); ++i) out.push_back(p.register_species_name(i));
  return out;
}

}  // namespace

TEST_CASE("register species names per parcel survive classification, sorting and permutation",
          "[landscape]") {
  const SpeciesTable species = test::repo_species();
  const std::size_t sugi = *species.find("sugi"), hinoki = *species.find("hinoki");
  const std::map<std::string, io::AliasEntry> aliases = {
      {"スギ", {io::LandClass::forest, sugi}},
      {"杉", {io::LandClass::forest, sugi}},
      {"ヒノキ", {io::LandClass::forest, hinoki}}};
  io::Scenario s;
  s.fields.id = "key";
  s.fields.species = "species";
  s.fields.age = "age";
  s.fields.area = "area";
  s.start_year = 2025;
  setup::Classifier c(s, species, aliases, {}, {});
  // Keys in reverse order of the source; two names of the same species, one name twice.
  c.record(record(0, "k3", "スギ"));
  c.record(record(1, "k2", "ヒノキ"));
  c.record(record(2, "k1", "杉"));
  c.record(record(3, "k0", "スギ"));
  setup::Classified out = c.finish("parcels");
  REQUIRE(out.problems.empty());
  Landscape& p = out.parcels;
  REQUIRE(p.size() == 4);
  // One entry per distinct name, in name order (UTF-8 bytes: ス E3 82, ヒ E3 83, 杉 E6 9D).
  CHECK(p.register_species_names == std::vector<std::string>{"スギ", "ヒノキ", "杉"});
  CHECK(names_of(p) == std::vector<std::string>{"スギ", "ヒノキ", "杉", "スギ"});
  CHECK(p.species == std::vector<std::uint16_t>{std::uint16_t(sugi), std::uint16_t(hinoki),
                                                std::uint16_t(sugi), std::uint16_t(sugi)});

  // The canonical order is by key: each row keeps its own name.
  const std::vector<std::size_t> order = p.sort_canonical();
  CHECK(order == std::vector<std::size_t>{3, 2, 1, 0});
  CHECK(p.key == std::vector<std::string>{"k0", "k1", "k2", "k3"});
  CHECK(names_of(p) == std::vector<std::string>{"スギ", "杉", "ヒノキ", "スギ"});
  CHECK(p.source_fid == std::vector<std::int64_t>{3, 2, 1, 0});

  // A permutation moves the names with the rows.
  p.permute({2, 0, 3, 1});
  CHECK(p.key == std::vector<std::string>{"k2", "k0", "k3", "k1"});
  CHECK(names_of(p) == std::vector<std::string>{"ヒノキ", "スギ", "スギ", "杉"});
  CHECK(p.register_species_names == std::vector<std::string>{"スギ", "ヒノキ", "杉"});
}

TEST_CASE("the canonical sort compares register species names, not their indexes", "[landscape]") {
  // Two rows equal in every other static value; the names table is not in name order, so an
  // order by index would put 杉 first.
  Landscape p;
  p.municipality_names = {"m"};
  p.forest_type_names = {""};
  p.register_species_names = {"杉", "スギ"};
  ParcelRow row;
  row.key = "k";
  row.area_ha = 1.0;
  row.register_species = 0;
  p.append(row);
  row.register_species = 1;
  p.append(row);
  CHECK(p.sort_canonical() == std::vector<std::size_t>{1, 0});
  CHECK(names_of(p) == std::vector<std::string>{"スギ", "杉"});

  // Rows built without a names table have the name "".
  Landscape q;
  q.municipality_names = {"m"};
  q.forest_type_names = {""};
  q.append(row);
  CHECK(q.register_species_name(0).empty());
}
