// Crediting arithmetic (crediting/account.hpp, ledger.hpp): the public worked examples of
// DOMAIN.md (TC1, TC2 with the period-weighted factor), an FO-001 parcel felled and replanted with
// and without the replanting rule, computed here from the Richards curve, R001's clear-felled
// parcel, buffer and rounding.
#include <catch2/catch.hpp>

#include <cmath>

#include "hand_world.hpp"
#include "shinrin/crediting/account.hpp"
#include "shinrin/crediting/ledger.hpp"
#include "shinrin/growth/richards.hpp"

using namespace shinrin;
using crediting::ParcelYear;

namespace {

// Curves of the hand world (data/richards_curves.csv, site class 0 = the curve itself).
const growth::RichardsParams kSugi{589.3, 0.042715, 2.527251};
const growth::RichardsParams kHinoki{451.6, 0.03919, 2.4269};
double v_sugi(int age) {
  return growth::richards_volume(kSugi, age);
}
double v_hinoki(int age) {
  return growth::richards_volume(kHinoki, age);
}

// Conversion factors written out from data/species.csv (sugi: BEF 1.57 / 1.23, R 0.25, D 0.314;
// hinoki: BEF 1.55 / 1.24, R 0.26, D 0.407), CF 0.5 [t CO2 m-3].
const double kSugiOld = 1.23 * 1.25 * 0.314 * 0.5 * 44.0 / 12.0;
const double kSugiYoung = 1.57 * 1.25 * 0.314 * 0.5 * 44.0 / 12.0;
const double kHinokiOld = 1.24 * 1.26 * 0.407 * 0.5 * 44.0 / 12.0;
const double kHinokiYoung = 1.55 * 1.26 * 0.407 * 0.5 * 44.0 / 12.0;

crediting::Project project(const crediting::Rules& rules, const test::World& w) {
  crediting::Project p;
  p.name = "test";
  p.rules = &rules;
  p.periods = {{2025, 2032}};
  p.cf = 0.5;
  p.treatment_since = 1990;
  p.standard_rotation_age.assign(w.in.species.size(), 0);
  p.standard_rotation_age[w.sugi] = 40;
  p.standard_rotation_age[w.hinoki] = 45;
  return p;
}

ParcelYear grown(const test::World& w, int year, int age_reached, double area = 2.0) {
  ParcelYear y;
  y.fiscal_year = year;
  y.area = area;
  y.species = static_cast<std::uint16_t>(w.sugi);
  y.curve = 0;
  y.age_reached = age_reached;
  y.record_year = 2003;  // a thinning on record since FY1990
  return y;
}

// The year a 60-year-old sugi stand is clear-felled (sawlog 0.6, other industrial 0.25, fuelwood
// 0.15 of its stock) and replanted with hinoki.
ParcelYear felled(const test::World& w, int year) {
  ParcelYear y = grown(w, year, 60);
  y.operation = silviculture::Operation::final_felling;
  y.harvest_species = static_cast<std::uint16_t>(w.sugi);
  const double v = v_sugi(60);
  y.streams = {0.6 * v, 0.25 * v, 0.15 * v, 0.0, 0.0, 0.0};
  y.regenerated = true;
  y.regen_species = static_cast<std::uint16_t>(w.hinoki);
  y.regen_curve = 1;
  return y;
}

}  // namespace

TEST_CASE("crediting: DOMAIN.md TC1 and TC2, the period-weighted factor", "[crediting]") {
  const SpeciesTable species = test::repo_species();
  const SpeciesParams& sugi = species[*species.find("sugi")];
  const SpeciesParams& hinoki = species[*species.find("hinoki")];
  // TC1: 25 m3 of sugi aged 10 on 1 ha: 25 x 0.314 x 1.57 x 1.25 x 0.5 x 44/12 = 28.2436 t CO2.
  CHECK(25.0 * crediting::co2_per_m3(sugi, 10, 0.5) == Approx(28.2436).margin(5e-5));
  // TC2: the factor at age 20 and 21 (sugi) and 25 (hinoki).
  CHECK(crediting::co2_per_m3(sugi, 20, 0.5) == Approx(1.129746).margin(5e-7));
  CHECK(crediting::co2_per_m3(sugi, 21, 0.5) == Approx(0.885088).margin(5e-7));
  CHECK(crediting::co2_per_m3(hinoki, 25, 0.5) == Approx(1.165811).margin(5e-7));
  // A period from age 18 to 23 with even growth: the yearly factors of the ages reached (19, 20 at
  // BEF 1.57; 21, 22, 23 at 1.23) average to the period-weighted BEF 1.366.
  double sum = 0.0;
  for (int age = 19; age <= 23; ++age) sum += crediting::co2_per_m3(sugi, age, 0.5);
  CHECK(sum / 5.0 == Approx(1.366 * 1.25 * 0.314 * 0.5 * 44.0 / 12.0).epsilon(1e-12));
  CHECK((2 * 1.57 + 3 * 1.23) / 5.0 == Approx(1.366).epsilon(1e-12));
}

TEST_CASE("crediting: the scheme reads growth from the yield curve or from an age-class table",
          "[crediting]") {
  test::World w;
  using crediting::GrowthReading;
  CHECK(crediting::scheme_growth(w.table, 0, 37, GrowthReading::yield_curve) ==
        Approx(v_sugi(37) - v_sugi(36)).epsilon(1e-5));
  // A stand aged 36 at the start of the year is in age class 8 (36-40): (V(45) - V(40)) / 5.
  CHECK(crediting::scheme_growth(w.table, 0, 37, GrowthReading::age_class_table) ==
        Approx((v_sugi(45) - v_sugi(40)) / 5.0).epsilon(1e-5));
  // Age 35 at the start is class 7 (31-35): (V(40) - V(35)) / 5.
  CHECK(crediting::scheme_growth(w.table, 0, 36, GrowthReading::age_class_table) ==
        Approx((v_sugi(40) - v_sugi(35)) / 5.0).epsilon(1e-5));
  // Just planted (age 0): (V(5) - 0) / 5.
  CHECK(crediting::scheme_growth(w.table, 0, 1, GrowthReading::age_class_table) ==
        Approx(v_sugi(5) / 5.0).epsilon(1e-5));
}

TEST_CASE("crediting: FO-001 with a felling and replanting, with and without the replanting rule",
          "[crediting]") {
  test::World w;
  const crediting::Tables tables{w.in.growth, w.in.species, w.in.model.management.wood_use};
  crediting::Project p = project(crediting::fo001(), w);
  p.replanting = true;
  const double a = 2.0;

  std::uint8_t h = 0;
  // FY2025: the stand reaches 59: A x (V(59) - V(58)) x f_sugi(>20).
  const crediting::Entry y1 = crediting::account_year(p, tables, grown(w, 2025, 59), h);
  CHECK(y1.area == a);
  CHECK(y1.absorption == Approx(a * (v_sugi(59) - v_sugi(58)) * kSugiOld).epsilon(1e-5));
  CHECK(y1.emission == 0.0);

  // FY2026: it grows to 60 and is felled: the year's growth, the felled stock V(60) as emission,
  // and, replanted with hinoki, the hinoki stock at its standard rotation age (45) as removal.
  const crediting::Entry y2 = crediting::account_year(p, tables, felled(w, 2026), h);
  CHECK(y2.absorption == Approx(a * (v_sugi(60) - v_sugi(59)) * kSugiOld).epsilon(1e-5));
  CHECK(y2.felled_volume == Approx(a * v_sugi(60)).epsilon(1e-9));
  CHECK(y2.emission == Approx(a * v_sugi(60) * kSugiOld).epsilon(1e-9));
  CHECK(y2.replanted_area == a);
  CHECK(y2.replanting == Approx(a * v_hinoki(45) * kHinokiOld).epsilon(1e-5));
  // By hand: V(60) = 589.3 (1 - e^-2.5629)^2.527251 = 589.3 x 0.92291^2.527251 = 481.16 m3/ha;
  // x 0.885088 t CO2/m3 x 2 ha = 851.75 t.
  CHECK(y2.emission == Approx(851.75).margin(0.01));

  // FY2027: the replanted hinoki reaches age 1; its stock was credited at replanting, so its
  // growth waits (listed as not creditable) until it passes 45.
  ParcelYear young = grown(w, 2027, 1);
  young.species = static_cast<std::uint16_t>(w.hinoki);
  young.curve = 1;
  const crediting::Entry y3 = crediting::account_year(p, tables, young, h);
  CHECK(y3.absorption == 0.0);
  CHECK(y3.not_creditable[std::size_t(crediting::Reason::replanting_credited)] ==
        Approx(a * (v_hinoki(1) - v_hinoki(0)) * kHinokiYoung).epsilon(1e-5));

  // Without the rule: no replanting removal, and the young hinoki's growth is credited at once.
  p.replanting = false;
  std::uint8_t h2 = 0;
  (void)crediting::account_year(p, tables, grown(w, 2025, 59), h2);
  const crediting::Entry z2 = crediting::account_year(p, tables, felled(w, 2026), h2);
  CHECK(z2.replanting == 0.0);
  CHECK(z2.emission == Approx(y2.emission).epsilon(1e-12));
  const crediting::Entry z3 = crediting::account_year(p, tables, young, h2);
  CHECK(z3.absorption == Approx(a * (v_hinoki(1) - v_hinoki(0)) * kHinokiYoung).epsilon(1e-5));
  // Over the three years the rule moves the young stand's future stock forward: the difference
  // is the replanting removal less the young growth it replaces.
  CHECK((y1.net() + y2.net() + y3.net()) - (y1.net() + z2.net() + z3.net()) ==
        Approx(y2.replanting - z3.absorption).epsilon(1e-9));
}

TEST_CASE("crediting: FO-001 wood products in use for 90 years", "[crediting]") {
  test::World w;
  const crediting::Tables tables{w.in.growth, w.in.species, w.in.model.management.wood_use};
  crediting::Project p = project(crediting::fo001(), w);
  p.hwp = true;
  p.hwp_retained_sawnwood = crediting::retained_share(35.0, 90.0);
  p.hwp_retained_panels = crediting::retained_share(25.0, 90.0);
  // DOMAIN research note: exp(-ln 2 x 90 / 35) = 0.1682, exp(-ln 2 x 90 / 25) = 0.0825.
  CHECK(p.hwp_retained_sawnwood == Approx(0.1682).margin(5e-5));
  CHECK(p.hwp_retained_panels == Approx(0.0825).margin(5e-5));
  std::uint8_t h = 0;
  const crediting::Entry e = crediting::account_year(p, tables, felled(w, 2026), h);
  // Sawlogs 0.6 V(60): 0.55 of them become sawnwood; other industrial 0.25 V(60): 0.52 panels
  // (the hand world's wood use); x D 0.314 x CF 0.5 x 44/12 x the share left after 90 years.
  const double v = v_sugi(60) * 2.0;
  const double expected =
      (0.6 * v * 0.55 * p.hwp_retained_sawnwood + 0.25 * v * 0.52 * p.hwp_retained_panels) * 0.314 *
      0.5 * 44.0 / 12.0;
  CHECK(e.hwp_volume == Approx(0.85 * v).epsilon(1e-12));
  CHECK(e.hwp == Approx(expected).epsilon(1e-12));
}

TEST_CASE(
    "crediting: FO-001 eligibility: a treatment record since FY1990, or a simulated operation",
    "[crediting]") {
  test::World w;
  const crediting::Tables tables{w.in.growth, w.in.species, w.in.model.management.wood_use};
  const crediting::Project p = project(crediting::fo001(), w);
  std::uint8_t h = 0;
  ParcelYear y = grown(w, 2025, 40);
  y.record_year = 1985;  // before FY1990: not a record that counts
  const crediting::Entry e1 = crediting::account_year(p, tables, y, h);
  CHECK(e1.absorption == 0.0);
  CHECK(e1.not_creditable[std::size_t(crediting::Reason::no_treatment_record)] ==
        Approx(2.0 * (v_sugi(40) - v_sugi(39)) * kSugiOld).epsilon(1e-5));
  // A thinning in FY2026 is a record: credited from that year on.
  y = grown(w, 2026, 41);
  y.record_year = 1985;
  y.operation = silviculture::Operation::thinning;
  y.harvest_species = static_cast<std::uint16_t>(w.sugi);
  const crediting::Entry e2 = crediting::account_year(p, tables, y, h);
  CHECK(e2.absorption == Approx(2.0 * (v_sugi(41) - v_sugi(40)) * kSugiOld).epsilon(1e-5));
  // Natural forest counts only where protected.
  std::uint8_t hn = 0;
  ParcelYear nat = grown(w, 2025, 80);
  nat.natural = true;
  CHECK(crediting::account_year(p, tables, nat, hn).absorption == 0.0);
  nat.protected_forest = true;
  CHECK(crediting::account_year(p, tables, nat, hn).absorption > 0.0);
}

TEST_CASE("crediting: R001: a clear-felled parcel earns nothing from that year on", "[crediting]") {
  test::World w;
  const crediting::Tables tables{w.in.growth, w.in.species, w.in.model.management.wood_use};
  crediting::Project p = project(crediting::r001(), w);
  p.treatment_since = 2007;
  p.periods = {{2008, 2012}};
  std::uint8_t h = 0;
  ParcelYear y = grown(w, 2008, 50);
  y.record_year = 0;
  y.operation = silviculture::Operation::thinning;  // thinned in FY2008: eligible from then on
  y.harvest_species = static_cast<std::uint16_t>(w.sugi);
  CHECK(crediting::account_year(p, tables, y, h).absorption > 0.0);
  y = grown(w, 2009, 51);
  y.record_year = 0;
  CHECK(crediting::account_year(p, tables, y, h).absorption ==
        Approx(2.0 * (v_sugi(51) - v_sugi(50)) * kSugiOld).epsilon(1e-5));
  // FY2010: clear-felled. R001 books no emission, but nothing is credited from this year on.
  ParcelYear f = felled(w, 2010);
  f.record_year = 0;
  const crediting::Entry e = crediting::account_year(p, tables, f, h);
  CHECK(e.absorption == 0.0);
  CHECK(e.emission == 0.0);
  CHECK(e.not_creditable[std::size_t(crediting::Reason::clear_felled)] ==
        Approx(2.0 * (v_sugi(60) - v_sugi(59)) * kSugiOld).epsilon(1e-5));
  ParcelYear later = grown(w, 2011, 1);
  later.record_year = 0;
  later.species = static_cast<std::uint16_t>(w.hinoki);
  later.curve = 1;
  const crediting::Entry e2 = crediting::account_year(p, tables, later, h);
  CHECK(e2.absorption == 0.0);
  CHECK(e2.not_creditable[std::size_t(crediting::Reason::clear_felled)] > 0.0);
  // A parcel never thinned since FY2007 earns nothing either.
  std::uint8_t h2 = 0;
  ParcelYear old = grown(w, 2008, 50);
  old.record_year = 2001;
  CHECK(crediting::account_year(p, tables, old, h2).absorption == 0.0);
}

TEST_CASE("crediting: buffer, uncertainty deduction and rounding down to whole t-CO2",
          "[crediting]") {
  test::World w;
  crediting::Project p = project(crediting::fo001(), w);
  p.buffer_share = 0.03;
  p.uncertainty_share = 0.05;
  crediting::Chain c;
  c.net = 1234.56;
  c.baseline_net = 34.56;
  crediting::issue(p, c);
  CHECK(c.credited == Approx(1200.0).epsilon(1e-12));
  CHECK(c.buffer == Approx(36.0).epsilon(1e-12));       // 3 % of 1200
  CHECK(c.uncertainty == Approx(60.0).epsilon(1e-12));  // 5 % of 1200
  CHECK(c.before_rounding == Approx(1104.0).epsilon(1e-12));
  CHECK(c.issued == 1103.0 + 1.0);  // 1104 exactly is a whole tonne
  c.net = 1000.9;
  c.baseline_net = 0.0;
  p.uncertainty_share = 0.0;
  crediting::issue(p, c);
  CHECK(c.before_rounding == Approx(1000.9 * 0.97).epsilon(1e-12));  // 970.873
  CHECK(c.issued == 970.0);                                          // rounded down
  // A net emission earns nothing and is reported as it is.
  c.net = -50.0;
  crediting::issue(p, c);
  CHECK(c.credited == -50.0);
  CHECK(c.buffer == 0.0);
  CHECK(c.issued == 0.0);
}
