// Wood-fuel groundwork against DOMAIN.md 2.2, 4.1-4.3, 7.2 and worked example TC7: moisture,
// heating values, HHV/LHV basis, fossil factors, the EN-R-001 / 004-D arithmetic worked by hand,
// and the loaders of data/fuel_factors.csv and data/wood_fuel.csv (real files and bad copies).
// Reference numbers come from DOMAIN.md or from the hand calculation written next to them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shinrin/core/error.hpp"
#include "shinrin/fuel/fossil.hpp"
#include "shinrin/fuel/heating_value.hpp"
#include "shinrin/io/fuel_tables.hpp"
#include "test_support.hpp"

using namespace shinrin;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using fuel::EnergyBasis;

namespace {

io::FossilFactorTable repo_factors() {
  return io::load_fossil_factor_table(test::repo("data/fuel_factors.csv"));
}
io::WoodFuelTable repo_wood() {
  return io::load_wood_fuel_table(test::repo("data/wood_fuel.csv"));
}

//! The record called `name` among `records` (fails the test if there is none).
const ParameterRecord& named(std::span<const ParameterRecord> records, const std::string& name) {
  const auto it = std::find_if(records.begin(), records.end(),
                               [&](const ParameterRecord& r) { return r.name == name; });
  INFO("record " << name);
  REQUIRE(it != records.end());
  return *it;
}

bool has_record(const std::vector<ParameterRecord>& records, const std::string& key,
                const std::string& name) {
  return std::any_of(records.begin(), records.end(),
                     [&](const ParameterRecord& r) { return r.key == key && r.name == name; });
}

//! "file:line" of the single line of `text` that starts with `row_start`.
std::string at_row(const std::string& file, const std::string& text, const std::string& row_start) {
  return file + ":" + std::to_string(test::line_of(text, "\n" + row_start) + 1);
}

}  // namespace

// --- moisture and heating values -----------------------------------------------------------------

TEST_CASE("fuel: moisture converts between dry and wet basis", "[fuel]") {
  // DOMAIN.md 4.3: M = 100 U / (100 + U); U 100 % <=> M 50 %.
  CHECK(fuel::moisture_wet_from_dry(100.0) == Approx(50.0).epsilon(1e-15));
  CHECK(fuel::moisture_dry_from_wet(50.0) == Approx(100.0).epsilon(1e-15));
  // M 30 %: U = 100 x 30 / 70 = 42.857142857...; and back.
  CHECK(fuel::moisture_dry_from_wet(30.0) == Approx(3000.0 / 70.0).epsilon(1e-15));
  CHECK(fuel::moisture_wet_from_dry(3000.0 / 70.0) == Approx(30.0).epsilon(1e-14));
  CHECK(fuel::moisture_wet_from_dry(0.0) == 0.0);
  // 100 t dry at M 30 %: 100 x 100 / 70 = 142.857142857 t wet; 1 t wet at M 30 % holds 0.7 t dry.
  CHECK(fuel::wet_mass_from_dry(100.0, 30.0) == Approx(10000.0 / 70.0).epsilon(1e-15));
  CHECK(fuel::dry_mass_from_wet(1.0, 30.0) == Approx(0.7).epsilon(1e-15));

  CHECK_THAT(test::input_error([] { fuel::moisture_dry_from_wet(100.0); }),
             Contains("wet-basis moisture M = 100 % must be in [0, 100)"));
  CHECK_THROWS_AS(fuel::wet_mass_from_dry(1.0, -1.0), InputError);
  CHECK_THROWS_AS(fuel::wet_mass_from_dry(-1.0, 30.0), InputError);
  CHECK_THAT(test::input_error([] { fuel::moisture_wet_from_dry(-5.0); }),
             Contains("dry-basis moisture U = -5 %"));
}

TEST_CASE("fuel: Sundberg, the LHV line and the gross dry-matter value by hand", "[fuel]") {
  const fuel::SundbergConstants s{19.2, 2.45};
  const fuel::LhvLineConstants line{17.7, 0.2326};
  // Sundberg q = (19.2 x 100 - 2.45 U) / (100 + U): U 0 -> 19.2; U 100 -> (1920 - 245) / 200.
  CHECK(fuel::sundberg_heating_value(0.0, s) == Approx(19.2).epsilon(1e-15));
  CHECK(fuel::sundberg_heating_value(100.0, s) == Approx(8.375).epsilon(1e-15));
  // U 42.857 (M 30): (1920 - 105) / 142.857 = 1815 x 0.007 = 12.705 MJ per wet kg.
  CHECK(fuel::sundberg_heating_value(3000.0 / 70.0, s) == Approx(12.705).epsilon(1e-14));
  // Line Q = 17.7 - 0.2326 M: M 30 -> 17.7 - 6.978 = 10.722.
  CHECK(fuel::lhv_line_heating_value(30.0, line) == Approx(10.722).epsilon(1e-14));
  // Gross: 20 x (1 - 0.3) = 14 MJ per wet kg.
  CHECK(fuel::gross_dry_matter_heating_value(30.0, 20.0) == Approx(14.0).epsilon(1e-15));

  // DOMAIN.md 4.3: the line gives ~1.5-2 MJ/kg less than Sundberg (at M 0: 19.2 - 17.7 = 1.5;
  // M 20: 14.87 - 13.048 = 1.822; M 30: 12.705 - 10.722 = 1.983).
  const fuel::WoodFuelConstants c{s, line, 20.0};
  for (const double m : {0.0, 20.0, 30.0}) {
    const double gap =
        fuel::wood_heating_value(fuel::HeatingValueFormula::sundberg, m, c).mj_per_kg -
        fuel::wood_heating_value(fuel::HeatingValueFormula::lhv_line, m, c).mj_per_kg;
    INFO("M = " << m);
    CHECK(gap >= 1.5 - 1e-12);
    CHECK(gap <= 2.0);
  }
  CHECK(fuel::wood_heating_value(fuel::HeatingValueFormula::lhv_line, 20.0, c).mj_per_kg ==
        Approx(13.048).epsilon(1e-14));

  // Each formula reports its basis: the two net formulas LHV, the gross one HHV.
  const auto sund = fuel::wood_heating_value(fuel::HeatingValueFormula::sundberg, 30.0, c);
  CHECK(sund.mj_per_kg == Approx(12.705).epsilon(1e-14));
  CHECK(sund.basis == EnergyBasis::lhv);
  CHECK(fuel::wood_heating_value(fuel::HeatingValueFormula::lhv_line, 30.0, c).basis ==
        EnergyBasis::lhv);
  const auto gross = fuel::wood_heating_value(fuel::HeatingValueFormula::gross_dry_matter, 30.0, c);
  CHECK(gross.mj_per_kg == Approx(14.0).epsilon(1e-15));
  CHECK(gross.basis == EnergyBasis::hhv);

  // M 90 % is U 900 %: (1920 - 2205) / 1000 = -0.285, no heat.
  CHECK_THAT(test::input_error(
                 [&] { fuel::wood_heating_value(fuel::HeatingValueFormula::sundberg, 90.0, c); }),
             Contains("sundberg gives -0.285 MJ kg-1 at wet-basis moisture 90 %"));
}

TEST_CASE("fuel: heating-value formulas are registered by name", "[fuel]") {
  CHECK(fuel::heating_value_formula("sundberg") == fuel::HeatingValueFormula::sundberg);
  CHECK(fuel::heating_value_formula("lhv_line") == fuel::HeatingValueFormula::lhv_line);
  CHECK(fuel::heating_value_formula("gross_dry_matter") ==
        fuel::HeatingValueFormula::gross_dry_matter);
  const auto all = fuel::heating_value_formulas();
  REQUIRE(all.size() == 3);
  for (const auto& info : all) {
    CHECK(fuel::formula_info(info.formula).name == info.name);
    CHECK(fuel::heating_value_formula(info.name) == info.formula);
  }
  CHECK_THAT(test::input_error([] { fuel::heating_value_formula("Sundberg"); }),
             Equals("unknown heating-value formula 'Sundberg' (known: sundberg, lhv_line, "
                    "gross_dry_matter)"));
}

TEST_CASE("fuel: HHV and LHV conversions use the DOMAIN.md 2.2 factors", "[fuel]") {
  // Kerosene 36.7 GJ/kL HHV x 0.950 = 34.865 GJ/kL LHV, and back.
  CHECK(fuel::energy_to_basis(36.7, EnergyBasis::hhv, EnergyBasis::lhv, 0.95) ==
        Approx(34.865).epsilon(1e-15));
  CHECK(fuel::energy_to_basis(34.865, EnergyBasis::lhv, EnergyBasis::hhv, 0.95) ==
        Approx(36.7).epsilon(1e-15));
  CHECK(fuel::energy_to_basis(36.7, EnergyBasis::hhv, EnergyBasis::hhv, 0.5) == 36.7);
  // An efficiency goes the other way: 0.88 on LHV is 0.88 x 0.95 = 0.836 on HHV.
  const auto eps = fuel::efficiency_to_basis({0.88, EnergyBasis::lhv}, EnergyBasis::hhv, 0.95);
  CHECK(eps.value == Approx(0.836).epsilon(1e-15));
  CHECK(eps.basis == EnergyBasis::hhv);
  CHECK(fuel::efficiency_to_basis({0.836, EnergyBasis::hhv}, EnergyBasis::lhv, 0.95).value ==
        Approx(0.88).epsilon(1e-15));
  // 0.96 HHV is 0.96 / 0.95 = 1.0105 LHV: outside (0, 1].
  CHECK_THAT(test::input_error([] {
               fuel::efficiency_to_basis({0.96, EnergyBasis::hhv}, EnergyBasis::lhv, 0.95);
             }),
             Contains("is 1.01053 on the LHV basis"));
  CHECK_THROWS_AS(fuel::energy_to_basis(1.0, EnergyBasis::electric, EnergyBasis::hhv, 0.95),
                  InputError);
  CHECK_THROWS_AS(fuel::energy_to_basis(1.0, EnergyBasis::hhv, EnergyBasis::lhv, 1.2), InputError);
  CHECK_THROWS_AS(fuel::efficiency_to_basis({0.0, EnergyBasis::hhv}, EnergyBasis::lhv, 0.95),
                  InputError);
}

// --- fossil factors: TC7 ------------------------------------------------------------------------

TEST_CASE("fuel: TC7 per-unit factors, 算定省令 form HV x C x 44/12", "[fuel]") {
  CHECK(fuel::co2_per_unit(36.7, fuel::co2_per_gj_from_carbon(0.0185)) ==
        Approx(2.48948).margin(5e-6));  // kerosene [t CO2 kL-1]
  CHECK(fuel::co2_per_unit(39.1, fuel::co2_per_gj_from_carbon(0.0189)) ==
        Approx(2.70963).margin(5e-6));  // A-heavy oil [t CO2 kL-1]
  CHECK(fuel::co2_per_unit(50.8, fuel::co2_per_gj_from_carbon(0.0161)) ==
        Approx(2.99887).margin(5e-6));  // LPG [t CO2 t-1]
  CHECK(fuel::co2_per_unit(44.8, fuel::co2_per_gj_from_carbon(0.0136)) ==
        Approx(2.23403).margin(5e-6));  // city gas [t CO2 (1000 Nm3)-1]
  CHECK(fuel::co2_per_unit(40.0, fuel::co2_per_gj_from_carbon(0.0140)) ==
        Approx(2.05333).margin(5e-6));  // city gas 2024 [t CO2 (1000 m3)-1]

  // make_fossil_factor derives the rest from what the source states.
  const fuel::FossilFactor kero =
      fuel::make_fossil_factor({.fuel = "kerosene",
                                .vintage = "santei_2006",
                                .unit = "kL",
                                .stated = fuel::FactorForm::carbon_factor,
                                .heating_value = 36.7,
                                .carbon_factor = 0.0185});
  CHECK(kero.co2_per_gj == Approx(0.0185 * 44.0 / 12.0).epsilon(1e-15));
  CHECK(kero.co2_per_unit == Approx(2.48948).margin(5e-6));
  CHECK(fuel::fuel_emission(40.0, kero) == Approx(40.0 * 2.48948).margin(40 * 5e-6));
  const fuel::FossilFactor grid =
      fuel::make_fossil_factor({.fuel = "grid_electricity",
                                .unit = "kWh",
                                .basis = EnergyBasis::electric,
                                .stated = fuel::FactorForm::co2_per_unit,
                                .heating_value = 0.0036,
                                .co2_per_unit = 0.000570});
  // 0.000570 t/kWh / 0.0036 GJ/kWh = 0.158333 t CO2/GJ; x 12/44 = 0.0431818 t C/GJ.
  CHECK(grid.co2_per_gj == Approx(0.570 / 3.6).epsilon(1e-14));
  CHECK(grid.carbon_factor == Approx(0.570 / 3.6 * 12.0 / 44.0).epsilon(1e-14));
  CHECK_THROWS_AS(fuel::make_fossil_factor({.fuel = "kerosene", .heating_value = 36.7}),
                  InputError);  // stated carbon factor 0
}

TEST_CASE("fuel: TC7 list form, 40 kL kerosene gives 99.530 and 100.156 t CO2", "[fuel]") {
  // Pure arithmetic: 40 x 36.7 x 0.0678 = 99.5304; 40 x 36.5 x 0.0686 = 100.156.
  CHECK(40.0 * fuel::co2_per_unit(36.7, 0.0678) == Approx(99.530).margin(5e-4));
  CHECK(40.0 * fuel::co2_per_unit(36.5, 0.0686) == Approx(100.156).margin(5e-4));

  // The same through data/fuel_factors.csv.
  const auto table = repo_factors();
  const auto& pre = table.get("kerosene", "jcredit_pre_revision");
  const auto& rev = table.get("kerosene", "jcredit_revised");
  CHECK(fuel::fuel_emission(40.0, pre) == Approx(99.530).margin(5e-4));
  CHECK(fuel::fuel_emission(40.0, rev) == Approx(100.156).margin(5e-4));
  // The J-Credit list keeps its rounded 0.0678, so it differs from the 算定省令 product
  // 40 x 2.48948 = 99.579 by 0.05 t: the two forms must not be merged.
  const auto& santei = table.get("kerosene", "santei_2006");
  CHECK(santei.co2_per_unit == Approx(2.48948).margin(5e-6));
  CHECK(fuel::fuel_emission(40.0, santei) == Approx(99.5793).margin(5e-4));
  CHECK(table.get("a_heavy_oil", "santei_2006").co2_per_unit == Approx(2.70963).margin(5e-6));
  CHECK(table.get("lpg", "santei_2006").co2_per_unit == Approx(2.99887).margin(5e-6));
  CHECK(table.get("city_gas", "santei_2006").co2_per_unit == Approx(2.23403).margin(5e-6));
  CHECK(table.get("city_gas", "santei_2024").co2_per_unit == Approx(2.05333).margin(5e-6));
  // J-VER kerosene 36.7 x 0.0679 = 2.49193.
  CHECK(table.get("kerosene", "jver_2014").co2_per_unit == Approx(2.49193).epsilon(1e-12));
}

TEST_CASE("fuel: Hinohara's 100-120 t CO2 a year stand for 40.2-48.2 kL kerosene", "[fuel]") {
  // DOMAIN.md 7.2: 100 / 2.4895 = 40.2 kL, 120 / 2.4895 = 48.2 kL; FY2012 42 t -> 16.9 kL.
  const auto table = repo_factors();
  const auto wood = repo_wood();
  const auto& kero = table.get("kerosene", "santei_2006");
  CHECK(fuel::implied_fuel_quantity(wood.value("hinohara_boiler", "plan_reduction_min"), kero) ==
        Approx(40.2).margin(0.05));
  CHECK(fuel::implied_fuel_quantity(wood.value("hinohara_boiler", "plan_reduction_max"), kero) ==
        Approx(48.2).margin(0.05));
  CHECK(fuel::implied_fuel_quantity(wood.value("hinohara_boiler", "fy2012_reduction"), kero) ==
        Approx(16.9).margin(0.05));

  // The plant's plan adds up: 500 pallets x 0.7 m3 = 350 m3, x 0.3 t = 150 t; 0.3 / 0.7 ≈ 0.43.
  const double pallets = wood.value("hinohara_firewood", "pallets_per_year");
  CHECK(pallets * wood.value("hinohara_firewood", "pallet_volume") ==
        Approx(wood.value("hinohara_firewood", "volume_per_year")).epsilon(1e-12));
  CHECK(pallets * wood.value("hinohara_firewood", "pallet_mass") ==
        Approx(wood.value("hinohara_firewood", "firewood_per_year")).epsilon(1e-12));
  CHECK(wood.value("hinohara_firewood", "stacked_density") == Approx(0.43).margin(0.005));
  CHECK(wood.value("hinohara_firewood", "stacked_density") ==
        Approx(wood.value("hinohara_firewood", "pallet_mass") /
               wood.value("hinohara_firewood", "pallet_volume"))
            .epsilon(1e-6));
  // The boiler burns what the plant makes: 1.2 m3/day x 300 days = 360 ≈ 350 m3; FY2012
  // 0.7 x 300 = 210 m3.
  CHECK(wood.value("hinohara_boiler", "plan_wood_per_day") *
            wood.value("hinohara_boiler", "operating_days") ==
        Approx(wood.value("hinohara_boiler", "plan_wood_per_year")).epsilon(0.03));
  CHECK(wood.value("hinohara_boiler", "fy2012_wood_per_day") *
            wood.value("hinohara_boiler", "operating_days") ==
        Approx(wood.value("hinohara_boiler", "fy2012_wood")).epsilon(1e-12));
}

// --- the whole chain by hand --------------------------------------------------------------------

TEST_CASE("fuel: a firewood boiler replacing kerosene, by hand on the LHV and HHV bases",
          "[fuel]") {
  // A project burns 100 t of dry wood at M 30 % in a firewood boiler; a kerosene boiler stays as
  // backup and burns 1 kL; the baseline is that kerosene boiler supplying all the heat. Kerosene
  // and diesel from the J-VER list (jver_2014), grid power 0.570 kg/kWh (utilities_2013).
  // Transport 5,000 t km x 0.0002 t CO2 per t km (an input of this test, not a sourced factor).
  const auto table = repo_factors();
  const fuel::WoodFuelConstants c = repo_wood().constants();
  const auto& kero_hhv = table.get("kerosene", "jver_2014");
  const fuel::FuelUse backup[] = {{1.0, kero_hhv}};
  const fuel::FuelUse auxiliary[] = {{0.5, table.get("diesel", "jver_2014")}};
  const fuel::FuelUse power[] = {{10000.0, table.get("grid_electricity", "utilities_2013")}};
  const fuel::ProjectEmissionInputs pj_in{backup, auxiliary, power, 5000.0, 0.0002};

  // EM_PJ, the same on both bases (fuel counted in kL and kWh):
  //   backup     1 kL x 36.7 x 0.0679          = 2.49193
  //   auxiliary  0.5 kL x 37.7 x 0.0687        = 1.294995
  //   power      10,000 kWh x 0.000570         = 5.7
  //   transport  5,000 t km x 0.0002           = 1.0
  //   total                                    = 10.486925 t CO2
  const fuel::ProjectEmission pj = fuel::project_emission(pj_in);
  CHECK(pj.backup_fossil == Approx(2.49193).epsilon(1e-12));
  CHECK(pj.auxiliary_fossil == Approx(1.294995).epsilon(1e-12));
  CHECK(pj.electricity == Approx(5.7).epsilon(1e-12));
  CHECK(pj.transport == Approx(1.0).epsilon(1e-12));
  CHECK(pj.total() == Approx(10.486925).epsilon(1e-12));

  SECTION("LHV basis: Sundberg, efficiencies on LHV, kerosene converted with 0.950") {
    const fuel::Efficiency eps_pj{0.80, EnergyBasis::lhv};  // firewood boiler
    const fuel::Efficiency eps_bl{0.88, EnergyBasis::lhv};  // kerosene boiler (baseline, backup)
    const fuel::FossilFactor kero = fuel::to_basis(kero_hhv, EnergyBasis::lhv);
    // Kerosene on LHV: 36.7 x 0.95 = 34.865 GJ/kL; CO2/GJ 0.0679 / 0.95; CO2/kL unchanged.
    CHECK(kero.heating_value == Approx(34.865).epsilon(1e-14));
    CHECK(kero.co2_per_gj == Approx(0.0679 / 0.95).epsilon(1e-14));
    CHECK(kero.co2_per_unit == Approx(2.49193).epsilon(1e-12));

    // Wood: 100 t dry / 0.7 = 142.857 t wet; U = 42.857 %; Sundberg
    // (1920 - 2.45 x 42.857) / 142.857 = 12.705 GJ/t; 142.857 x 12.705 = 1815 GJ; x 0.80 = 1452 GJ.
    const fuel::WoodHeat wood =
        fuel::useful_heat_from_wood(100.0, 30.0, fuel::HeatingValueFormula::sundberg, c, eps_pj);
    CHECK(wood.wet_mass == Approx(142.857142857143).epsilon(1e-13));
    CHECK(wood.heating_value.mj_per_kg == Approx(12.705).epsilon(1e-13));
    CHECK(wood.fuel_energy.gj == Approx(1815.0).epsilon(1e-13));
    CHECK(wood.fuel_energy.basis == EnergyBasis::lhv);
    CHECK(wood.useful_heat == Approx(1452.0).epsilon(1e-13));

    // Backup heat: 1 kL x 34.865 GJ/kL x 0.88 = 30.6812 GJ; all heat 1452 + 30.6812 = 1482.6812.
    const double heat = wood.useful_heat + 1.0 * kero.heating_value * eps_bl.value;
    CHECK(heat == Approx(1482.6812).epsilon(1e-13));
    // Q_BL = 1482.6812 / 0.88 = 1684.865 GJ (LHV) = 1684.865 / 34.865 = 48.3253980 kL.
    const fuel::FuelEnergy q_bl = fuel::baseline_fuel_energy(heat, eps_bl);
    CHECK(q_bl.gj == Approx(1684.865).epsilon(1e-13));
    CHECK(q_bl.basis == EnergyBasis::lhv);
    CHECK(fuel::baseline_fuel_quantity(q_bl, kero) == Approx(48.325397963574).epsilon(1e-12));
    // EM_BL = 1684.865 x 0.0679 / 0.95 = 114.4023335 / 0.95 = 120.423508947 t CO2.
    const double em_bl = fuel::baseline_emission(q_bl, kero);
    CHECK(em_bl == Approx(120.423508947368).epsilon(1e-12));
    // ER = 120.423508947 - 10.486925 = 109.936583947 t CO2.
    CHECK(fuel::emission_reduction(em_bl, pj.total()) == Approx(109.936583947368).epsilon(1e-12));

    // The same baseline on the HHV basis: eps_BL 0.88 x 0.95 = 0.836 HHV;
    // 1482.6812 / 0.836 x 0.0679 = 120.423508947 t CO2 again.
    const auto eps_bl_hhv = fuel::efficiency_to_basis(eps_bl, EnergyBasis::hhv, 0.95);
    CHECK(fuel::baseline_emission(fuel::baseline_fuel_energy(heat, eps_bl_hhv), kero_hhv) ==
          Approx(120.423508947368).epsilon(1e-12));
  }

  SECTION("HHV basis: dry-matter HHV, efficiencies on HHV, J-VER kerosene as listed") {
    const fuel::Efficiency eps_pj{0.75, EnergyBasis::hhv};
    const fuel::Efficiency eps_bl{0.85, EnergyBasis::hhv};
    // Wood: 20 MJ/kg x (1 - 0.3) = 14 GJ per wet t; 142.857 t x 14 = 2000 GJ (= 100 t x 20);
    // x 0.75 = 1500 GJ.
    const fuel::WoodHeat wood = fuel::useful_heat_from_wood(
        100.0, 30.0, fuel::HeatingValueFormula::gross_dry_matter, c, eps_pj);
    CHECK(wood.heating_value.mj_per_kg == Approx(14.0).epsilon(1e-14));
    CHECK(wood.heating_value.basis == EnergyBasis::hhv);
    CHECK(wood.fuel_energy.gj == Approx(2000.0).epsilon(1e-13));
    CHECK(wood.useful_heat == Approx(1500.0).epsilon(1e-13));

    // Backup heat 1 kL x 36.7 x 0.85 = 31.195 GJ; all heat 1531.195 GJ.
    const double heat = wood.useful_heat + 1.0 * kero_hhv.heating_value * eps_bl.value;
    CHECK(heat == Approx(1531.195).epsilon(1e-13));
    // Q_BL = 1531.195 / 0.85 = 1801.405882353 GJ (HHV) = 1801.405882 / 36.7 = 49.084628947 kL.
    const fuel::FuelEnergy q_bl = fuel::baseline_fuel_energy(heat, eps_bl);
    CHECK(q_bl.gj == Approx(1801.405882352941).epsilon(1e-13));
    CHECK(fuel::baseline_fuel_quantity(q_bl, kero_hhv) == Approx(49.084628946947).epsilon(1e-12));
    // EM_BL = 1801.405882353 x 0.0679 = 122.315459412 t CO2; ER = 122.315459412 - 10.486925.
    const double em_bl = fuel::baseline_emission(q_bl, kero_hhv);
    CHECK(em_bl == Approx(122.315459411765).epsilon(1e-12));
    CHECK(fuel::emission_reduction(em_bl, pj.total()) == Approx(111.828534411765).epsilon(1e-12));
  }
}

TEST_CASE("fuel: functions that mix HHV and LHV refuse", "[fuel]") {
  const auto table = repo_factors();
  const fuel::WoodFuelConstants c = repo_wood().constants();
  const auto& kero = table.get("kerosene", "jver_2014");  // HHV
  const fuel::FuelEnergy lhv_energy{1000.0, EnergyBasis::lhv};
  CHECK_THAT(test::input_error([&] { fuel::baseline_fuel_quantity(lhv_energy, kero); }),
             Contains("the baseline fuel energy is on the LHV basis but the factor of kerosene "
                      "(jver_2014) is on the HHV basis"));
  CHECK_THROWS_AS(fuel::baseline_emission(lhv_energy, kero), InputError);
  // Sundberg is LHV; an HHV efficiency does not fit it.
  CHECK_THAT(test::input_error([&] {
               fuel::useful_heat_from_wood(100.0, 30.0, fuel::HeatingValueFormula::sundberg, c,
                                           {0.8, EnergyBasis::hhv});
             }),
             Contains("project efficiency is on the HHV basis but heating-value formula sundberg "
                      "gives LHV"));
  // Gasoline has no HHV-to-LHV factor in DOMAIN.md 2.2; electricity never converts.
  CHECK_THAT(test::input_error(
                 [&] { fuel::to_basis(table.get("gasoline", "jver_2014"), EnergyBasis::lhv); }),
             Contains("gasoline (jver_2014) has no HHV-to-LHV factor"));
  CHECK_THROWS_AS(fuel::to_basis(table.get("grid_electricity", "utilities_2013"), EnergyBasis::lhv),
                  InputError);
  CHECK_THROWS_AS(fuel::baseline_fuel_energy(100.0, {1.2, EnergyBasis::hhv}), InputError);
  CHECK_THROWS_AS(fuel::baseline_fuel_energy(100.0, {0.0, EnergyBasis::hhv}), InputError);
}

TEST_CASE("fuel: project emissions keep fossil fuel and electricity apart", "[fuel]") {
  const auto table = repo_factors();
  const fuel::FuelUse power_as_fuel[] = {{100.0, table.get("grid_electricity", "utilities_2013")}};
  const fuel::FuelUse fuel_as_power[] = {{1.0, table.get("kerosene", "jver_2014")}};
  const fuel::FuelUse negative[] = {{-1.0, table.get("kerosene", "jver_2014")}};
  CHECK_THAT(test::input_error([&] { fuel::project_emission({.backup_fossil = power_as_fuel}); }),
             Contains("backup fossil fuel: grid_electricity (utilities_2013) is electricity"));
  CHECK_THAT(test::input_error([&] { fuel::project_emission({.electricity = fuel_as_power}); }),
             Contains("electricity: kerosene (jver_2014) is not electricity"));
  CHECK_THROWS_AS(fuel::project_emission({.auxiliary_fossil = negative}), InputError);
  CHECK_THROWS_AS(fuel::project_emission({.transport = -5.0}), InputError);
  CHECK(fuel::project_emission({}).total() == 0.0);
}

TEST_CASE("fuel: useful heat from metered hot water, 004-D eq. 2", "[fuel]") {
  // 1,000 m3 x 40 K x 4.186 kJ/(kg K) x 1.0 t/m3 x 10^-3 = 167.44 GJ.
  CHECK(fuel::useful_heat_from_water(1000.0, 40.0, 4.186, 1.0) == Approx(167.44).epsilon(1e-14));
  CHECK(fuel::useful_heat_from_water(0.0, 40.0, 4.186, 1.0) == 0.0);
  CHECK_THROWS_AS(fuel::useful_heat_from_water(1000.0, -1.0, 4.186, 1.0), InputError);
}

// --- the real tables ----------------------------------------------------------------------------

TEST_CASE("fuel: fuel_factors.csv carries the DOMAIN.md values and statuses", "[fuel]") {
  const auto table = repo_factors();
  CHECK(table.fuels() == std::vector<std::string>{"a_heavy_oil", "city_gas", "diesel", "gasoline",
                                                  "grid_electricity", "kerosene", "lpg"});
  CHECK(table.vintages() == std::vector<std::string>{"jcredit_pre_revision", "jcredit_revised",
                                                     "jver_2014", "santei_2006", "santei_2024",
                                                     "substitute_2010s", "utilities_2013"});

  const auto& kero = table.get("kerosene", "santei_2006");
  CHECK(kero.unit == "kL");
  CHECK(kero.basis == EnergyBasis::hhv);
  CHECK(kero.stated == fuel::FactorForm::carbon_factor);
  CHECK(kero.heating_value == 36.7);
  CHECK(kero.carbon_factor == 0.0185);
  CHECK(kero.status == Status::derived);
  CHECK_FALSE(kero.hhv_to_lhv.has_value());
  const auto rec = table.provenance("kerosene", "santei_2006");
  REQUIRE(rec.size() == 4);
  CHECK(named(rec, "heating_value").status == Status::confirmed);
  CHECK(named(rec, "heating_value").unit == "GJ kL-1");
  CHECK(named(rec, "heating_value").key == "kerosene santei_2006");
  CHECK(named(rec, "heating_value").table == test::repo("data/fuel_factors.csv"));
  CHECK(named(rec, "carbon_factor").status == Status::confirmed);
  CHECK(named(rec, "carbon_factor").unit == "t C GJ-1");
  CHECK(named(rec, "co2_per_gj").status == Status::derived);
  CHECK(named(rec, "co2_per_unit").status == Status::derived);
  CHECK(named(rec, "co2_per_unit").unit == "t CO2 kL-1");
  CHECK(named(rec, "co2_per_unit").value == Approx(2.48948).margin(5e-6));
  CHECK_THAT(named(rec, "carbon_factor").source, Contains("https://expydoc.com/doc/7431196/"));

  // J-VER states CO2/GJ (0.0679 for kerosene, DOMAIN.md 4.1) and the 0.950 LHV factor (2.2).
  const auto& jver = table.get("kerosene", "jver_2014");
  CHECK(jver.stated == fuel::FactorForm::co2_per_gj);
  CHECK(jver.co2_per_gj == 0.0679);
  CHECK(jver.hhv_to_lhv == 0.95);
  CHECK(named(table.provenance("kerosene", "jver_2014"), "hhv_to_lhv").status == Status::confirmed);
  CHECK(table.get("lpg", "jver_2014").hhv_to_lhv == 0.925);
  CHECK(table.get("city_gas", "jcredit_revised").hhv_to_lhv == 0.9);
  // City gas before 2024 in 1000 Nm3, HV 44.8 confirmed only by back-calculation; 2024 at 25 C.
  const auto gas = table.provenance("city_gas", "santei_2006");
  CHECK(named(gas, "heating_value").status == Status::confirmed_backcalc);
  CHECK(named(gas, "heating_value").unit == "GJ (1000 Nm3)-1");
  CHECK(table.get("city_gas", "santei_2024").unit == "1000 m3 (25 C, 1 bar)");
  CHECK(table.get("city_gas", "jcredit_pre_revision").co2_per_gj == 0.0502);

  // Grid electricity: the 2013 actual is confirmed, the default substitute value is not.
  const auto& grid = table.get("grid_electricity", "utilities_2013");
  CHECK(grid.basis == EnergyBasis::electric);
  CHECK(grid.co2_per_unit == 0.000570);
  CHECK(grid.status == Status::confirmed);
  CHECK(table.get("grid_electricity", "substitute_2010s").co2_per_unit == 0.000555);
  CHECK(table.get("grid_electricity", "substitute_2010s").status == Status::unconfirmed);

  // Rows DOMAIN.md gives no value for are absent, not invented.
  CHECK(table.find("diesel", "jcredit_pre_revision") == nullptr);
  CHECK(table.find("kerosene", "santei_2024") == nullptr);
  const std::string path = test::repo("data/fuel_factors.csv");
  CHECK_THAT(
      test::input_error([&] { table.get("kerosene", "santei_2024"); }),
      Equals(path + ": no factor for fuel 'kerosene' in vintage 'santei_2024' (kerosene has "
                    "vintages: jcredit_pre_revision, jcredit_revised, jver_2014, santei_2006; "
                    "fuels: a_heavy_oil, city_gas, diesel, gasoline, grid_electricity, kerosene, "
                    "lpg; vintages: jcredit_pre_revision, jcredit_revised, jver_2014, "
                    "santei_2006, santei_2024, substitute_2010s, utilities_2013)"));
  CHECK_THAT(test::input_error([&] { table.provenance("kerosine", "jver_2014"); }),
             StartsWith(path + ": no factor for fuel 'kerosine' in vintage 'jver_2014' (fuels: "
                               "a_heavy_oil,"));

  // The unconfirmed values a run would list.
  const auto u = unconfirmed_only(table.records());
  CHECK(has_record(u, "grid_electricity substitute_2010s", "co2_per_unit"));
  CHECK(has_record(u, "gasoline santei_2006", "heating_value"));
  CHECK(has_record(u, "diesel santei_2006", "carbon_factor"));
  CHECK(has_record(u, "diesel santei_2006", "co2_per_unit"));
  CHECK(has_record(u, "a_heavy_oil jcredit_pre_revision", "heating_value"));
  CHECK_FALSE(has_record(u, "kerosene santei_2006", "co2_per_unit"));
  CHECK_FALSE(has_record(u, "grid_electricity utilities_2013", "co2_per_unit"));
  CHECK_FALSE(has_record(u, "diesel jver_2014", "co2_per_unit"));
}

TEST_CASE("fuel: wood_fuel.csv carries the DOMAIN.md 4.3 and 7.2 values", "[fuel]") {
  const auto wood = repo_wood();
  CHECK(wood.value("dry_wood", "hhv") == 20.0);
  CHECK(wood.value("conifer", "hhv") == 19.5);
  CHECK(wood.value("broadleaf", "hhv") == 18.4);
  const fuel::WoodFuelConstants c = wood.constants();
  CHECK(c.sundberg.q_dry_net == 19.2);
  CHECK(c.sundberg.latent_heat == 2.45);
  CHECK(c.lhv_line.intercept == 17.7);
  CHECK(c.lhv_line.slope == 0.2326);
  CHECK(c.hhv_dry == 20.0);
  CHECK(wood.constants("conifer").hhv_dry == 19.5);
  CHECK(wood.value("hinohara_firewood", "pallet_volume") == 0.7);
  CHECK(wood.value("hinohara_firewood", "pallet_mass") == 0.3);
  CHECK(wood.value("hinohara_firewood", "billet_length") == 0.4);

  const auto& q = wood.record("sundberg", "q_dry_net");
  CHECK(q.status == Status::confirmed);
  CHECK(q.unit == "MJ kg-1");
  CHECK_THAT(q.source, Contains("eonet.ne.jp"));
  CHECK(wood.record("hinohara_firewood", "stacked_density").status == Status::derived);
  CHECK(wood.constants_provenance("broadleaf").size() == 5);
  CHECK(wood.constants_provenance("broadleaf").back().key == "broadleaf");

  // The boiler efficiencies are commonly quoted only (DOMAIN.md 4.3 [U]).
  const std::vector<ParameterRecord> all(wood.records().begin(), wood.records().end());
  const auto u = unconfirmed_only(all);
  CHECK(u.size() == 6);
  CHECK(has_record(u, "chip_boiler", "efficiency_low"));
  CHECK_FALSE(has_record(u, "dry_wood", "hhv"));

  const std::string path = test::repo("data/wood_fuel.csv");
  CHECK_THAT(test::input_error([&] { wood.record("hinohara_firewood", "pallet_weight"); }),
             StartsWith(path + ": wood-fuel item 'hinohara_firewood' has no parameter "
                               "'pallet_weight' (parameters: billet_length, firewood_per_year,"));
  CHECK_THAT(test::input_error([&] { wood.record("pellets", "hhv"); }),
             StartsWith(path + ": no wood-fuel item 'pellets' (items: broadleaf, chip_boiler,"));
  CHECK_THAT(test::input_error([&] { wood.constants("sundberg"); }),
             Contains("'sundberg' is not a dry-wood item (dry_wood, conifer, broadleaf)"));
}

// --- bad tables ---------------------------------------------------------------------------------

TEST_CASE("fuel: bad fuel_factors.csv rows name file, line and column", "[fuel]") {
  const std::string dir = test::scratch_dir("fuel-factors");
  const std::string text = test::read_text(test::repo("data/fuel_factors.csv"));
  const std::string file = dir + "/fuel_factors.csv";
  auto error_of = [&](const std::string& bad) {
    test::write_file(file, bad);
    return test::input_error([&] { io::load_fossil_factor_table(file); });
  };
  const std::string kero = "kerosene,santei_2006,kL,HHV,carbon_factor,36.7,C,0.0185,C,";
  const std::string kero_at = at_row(file, text, kero);

  SECTION("heating value that is not a number") {
    CHECK_THAT(error_of(test::replace_once(
                   text, kero, "kerosene,santei_2006,kL,HHV,carbon_factor,36.x,C,0.0185,C,")),
               StartsWith(kero_at + ": column 'heating_value': '36.x' is not a finite number"));
  }
  SECTION("bad status tag") {
    CHECK_THAT(error_of(test::replace_once(
                   text, kero, "kerosene,santei_2006,kL,HHV,carbon_factor,36.7,C,0.0185,X,")),
               StartsWith(kero_at + ": column 'carbon_factor_status': status 'X'"));
  }
  SECTION("unknown basis and unknown stated factor") {
    CHECK_THAT(error_of(test::replace_once(
                   text, kero, "kerosene,santei_2006,kL,GHV,carbon_factor,36.7,C,0.0185,C,")),
               Equals(kero_at + ": column 'basis': basis 'GHV' is not one of HHV, LHV, electric"));
    CHECK_THAT(error_of(test::replace_once(text, kero,
                                           "kerosene,santei_2006,kL,HHV,carbon,36.7,C,0.0185,C,")),
               StartsWith(kero_at + ": column 'stated': 'carbon' is not one of carbon_factor,"));
  }
  SECTION("derived value that does not follow from the stated one") {
    CHECK_THAT(error_of(test::replace_once(text, ",2.489483,D,", ",2.49,D,")),
               StartsWith(kero_at + ": column 'co2_per_unit': 2.49 does not agree with 2.489483"));
  }
  SECTION("derived value from an unconfirmed input tagged D") {
    const std::string gasoline = "gasoline,santei_2006,";
    CHECK_THAT(error_of(test::replace_once(text, ",0.0671,U,2.32166,U,", ",0.0671,U,2.32166,D,")),
               StartsWith(at_row(file, text, gasoline) +
                          ": column 'co2_per_unit_status': a value computed from carbon_factor "
                          "and heating_value has status U, not D"));
    // The carbon factor of a list row comes from CO2/GJ alone, so an unconfirmed heating value
    // leaves it D: gasoline in jver_2014 has HV 34.6 [U], CO2/GJ 0.0671 [C], C 0.0183 [D].
    const std::string jver = "gasoline,jver_2014,kL,HHV,co2_per_gj,34.6,U,0.0183,";
    CHECK_THAT(error_of(test::replace_once(text, jver + "D,", jver + "U,")),
               Equals(at_row(file, text, "gasoline,jver_2014,") +
                      ": column 'carbon_factor_status': a value computed from co2_per_gj has "
                      "status D, not U"));
  }
  SECTION("the same fuel and vintage twice") {
    const std::string row = "lpg,jver_2014,";
    const auto from = text.find("\n" + row) + 1;
    const std::string copy = text.substr(from, text.find('\n', from) + 1 - from);
    const std::string bad = text + copy;
    const auto last_line = std::count(bad.begin(), bad.end(), '\n');
    CHECK_THAT(
        error_of(bad),
        Equals(file + ":" + std::to_string(last_line) +
               ": column 'vintage': lpg in vintage jver_2014 is given again (first on line " +
               std::to_string(test::line_of(text, "\n" + row) + 1) + ")"));
  }
  SECTION("HHV-to-LHV factor above 1, or on electricity") {
    CHECK_THAT(error_of(test::replace_once(text, ",2.49193,D,0.950,C,", ",2.49193,D,1.25,C,")),
               StartsWith(at_row(file, text, "kerosene,jver_2014,") +
                          ": column 'hhv_to_lhv': 1.25 must be <= 1"));
    const std::string grid = "grid_electricity,utilities_2013,";
    CHECK_THAT(error_of(test::replace_once(text, ",0.000570,C,,,", ",0.000570,C,0.9,C,")),
               StartsWith(at_row(file, text, grid) + ": column 'hhv_to_lhv': electricity"));
  }
  SECTION("fuel name with a capital") {
    CHECK_THAT(error_of(test::replace_once(
                   text, kero, "Kerosene,santei_2006,kL,HHV,carbon_factor,36.7,C,0.0185,C,")),
               StartsWith(kero_at + ": column 'fuel': 'Kerosene' is not a name"));
  }
  SECTION("row with a field missing, and a missing column") {
    CHECK_THAT(error_of(test::replace_once(
                   text, kero, "kerosene,santei_2006,kL,HHV,carbon_factor,36.7,C,0.0185,")),
               StartsWith(kero_at + ": 15 fields, expected 16"));
    CHECK_THAT(error_of(test::replace_once(text, ",hhv_to_lhv_status,source\n",
                                           ",hhv_to_lhv_status,src\n")),
               StartsWith(file + ": no column 'source'"));
  }
}

TEST_CASE("fuel: bad wood_fuel.csv rows name file, line and column", "[fuel]") {
  const std::string dir = test::scratch_dir("fuel-wood");
  const std::string text = test::read_text(test::repo("data/wood_fuel.csv"));
  const std::string file = dir + "/wood_fuel.csv";
  auto error_of = [&](const std::string& bad) {
    test::write_file(file, bad);
    return test::input_error([&] { io::load_wood_fuel_table(file); });
  };

  SECTION("wrong unit") {
    CHECK_THAT(error_of(test::replace_once(text, "\ndry_wood,hhv,20,MJ kg-1,",
                                           "\ndry_wood,hhv,20,kJ kg-1,")),
               Equals(at_row(file, text, "dry_wood,hhv,") +
                      ": column 'unit': unit of dry_wood hhv must be 'MJ kg-1', not 'kJ kg-1'"));
  }
  SECTION("unknown parameter and unknown item") {
    CHECK_THAT(error_of(test::replace_once(text, "\nsundberg,q_dry_net,", "\nsundberg,q_dry,")),
               Equals(at_row(file, text, "sundberg,q_dry_net,") +
                      ": column 'parameter': unknown parameter 'q_dry' of sundberg (parameters: "
                      "latent_heat, q_dry_net)"));
    CHECK_THAT(error_of(test::replace_once(text, "\nconifer,hhv,", "\nsugi,hhv,")),
               StartsWith(at_row(file, text, "conifer,hhv,") +
                          ": column 'item': unknown item 'sugi' (items: broadleaf,"));
  }
  SECTION("value that is not a number, or out of range") {
    CHECK_THAT(
        error_of(test::replace_once(text, "\nlhv_line,slope,0.2326,", "\nlhv_line,slope,0.23.26,")),
        StartsWith(at_row(file, text, "lhv_line,slope,") +
                   ": column 'value': '0.23.26' is not a finite number"));
    CHECK_THAT(error_of(test::replace_once(text, "\nchip_boiler,efficiency_high,0.85,",
                                           "\nchip_boiler,efficiency_high,85,")),
               Equals(at_row(file, text, "chip_boiler,efficiency_high,") +
                      ": column 'value': 85 must be <= 1"));
  }
  SECTION("bad status") {
    CHECK_THAT(error_of(test::replace_once(text, "\nbroadleaf,hhv,18.4,MJ kg-1,C,",
                                           "\nbroadleaf,hhv,18.4,MJ kg-1,confirmed,")),
               StartsWith(at_row(file, text, "broadleaf,hhv,") +
                          ": column 'status': status 'confirmed' is not one of C, C*, D, U"));
  }
  SECTION("a row twice") {
    const std::string row = "hinohara_firewood,pallet_mass,";
    const auto from = text.find("\n" + row) + 1;
    const std::string bad = text + text.substr(from, text.find('\n', from) + 1 - from);
    CHECK_THAT(error_of(bad),
               Equals(file + ":" + std::to_string(std::count(bad.begin(), bad.end(), '\n')) +
                      ": column 'parameter': hinohara_firewood pallet_mass is given again (first "
                      "on line " +
                      std::to_string(test::line_of(text, "\n" + row) + 1) + ")"));
  }
  SECTION("missing rows are listed") {
    std::string bad = text;
    for (const std::string row : {"lhv_line,slope,", "hinohara_boiler,boilers,"}) {
      const auto from = bad.find("\n" + row);
      REQUIRE(from != std::string::npos);
      bad.erase(from, bad.find('\n', from + 1) - from);
    }
    CHECK_THAT(error_of(bad),
               Equals(file + ": missing rows: lhv_line slope, hinohara_boiler boilers"));
  }
}
