#pragma once
// A small hand-built landscape for kernel tests: sugi (and hinoki for replanting) on site class 0
// of the repository's Richards and height curves, with the south Kanto-Tokai sugi density diagram
// written out, stand structure, carbon pools and management switched on. Tests add parcels, set
// regimes, events or targets, and run it; every per-parcel series is captured by source position
// (the order in which parcels were added).

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shinrin/growth/density_diagram.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/simulation/simulation.hpp"
#include "shinrin/state/state.hpp"
#include "test_support.hpp"

namespace shinrin::test {

// South Kanto-Tokai sugi diagram (data/density_diagram.csv), written out for the test.
inline const growth::DensityDiagram kSugiDiagram{0.082249, -1.372921, 3681.6, -2.867826, 5.391307};

// Kochi sugi height curve (data/height_curves.csv): H(t) = 62.37996 (1 - e^-0.00446 t)^0.67572.
inline double sugi_height(int age) {
  return 62.37996 * std::pow(1.0 - std::exp(-0.00446 * age), 0.67572);
}
// DOMAIN.md 6.3 forms, evaluated here.
inline double diagram_volume(double H, double N) {
  const auto& d = kSugiDiagram;
  return 1.0 / (d.b1 * std::pow(H, d.b2) + d.b3 * std::pow(H, d.b4) / N);
}
inline double diagram_ry(double H, double N) {
  const double n_rf =
      std::pow(10.0, kSugiDiagram.c) * std::pow(H, kSugiDiagram.b4 - kSugiDiagram.b2);
  return diagram_volume(H, N) / diagram_volume(H, n_rf);
}

// Captures every per-parcel series: values[var][source position][time] (by landscape row when
// no source positions are given).
struct CaptureSink final : sim::SeriesSink {
  std::vector<sim::ParcelVar> vars;
  const std::vector<std::uint32_t>* source_pos = nullptr;  // per landscape row
  std::map<sim::ParcelVar, std::map<std::size_t, std::map<std::size_t, float>>> values;
  void write_times(std::size_t first, std::size_t count, std::size_t stride,
                   const std::vector<std::vector<float>>& columns) override {
    for (std::size_t k = 0; k < vars.size(); ++k) {
      const std::size_t rows = columns[k].size() / stride;
      for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t p = source_pos != nullptr ? (*source_pos)[i] : i;
        for (std::size_t s = 0; s < count; ++s)
          values[vars[k]][p][first + s] = columns[k][s * rows + i];
      }
    }
  }
  float at(sim::ParcelVar v, std::size_t parcel, std::size_t t) {
    return values.at(v).at(parcel).at(t);
  }
};

// A world of sugi (and hinoki for replanting) on site class 0 with stand structure on.
struct World {
  sim::Inputs in;
  std::size_t sugi = 0, hinoki = 0;
  const growth::GrowthTable& table = in.growth;
  sim::Model& model = in.model;
  sim::RunConfig config;
  CaptureSink sink;
  State state;

  World() {
    in.species = test::repo_species();
    sugi = *in.species.find("sugi");
    hinoki = *in.species.find("hinoki");
    const auto volume = io::load_richards_model(test::repo("data/richards_curves.csv"),
                                                test::repo("data/site_classes.csv"), "uniform");
    const auto height = io::load_richards_model(test::repo("data/height_curves.csv"),
                                                test::repo("data/site_classes.csv"), "uniform",
                                                io::RichardsQuantity::height);
    const std::vector<growth::CurveKey> curves = {{"sugi", 0}, {"hinoki", 0}};
    in.growth = growth::GrowthTable::build(volume, curves, 200, &height);
    const std::vector<std::optional<growth::DensityDiagram>> diagrams = {kSugiDiagram,
                                                                         std::nullopt};
    in.growth.add_density_terms(diagrams);
    in.parcels.municipality_names = {"test"};
    in.parcels.forest_type_names = {""};
    model.stand.enabled = true;
    model.stand.initial_yield_index = 0.6;
    model.stand.initial_stems_max = 3000;
    model.stand.initial_stems_default = 1500;
    model.stand.critical_stocking = 0.7;
    model.carbon_enabled = true;
    model.decay.by_species.assign(in.species.size(), {carbon::FirstOrderRate::from_rate(0.054),
                                                      carbon::FirstOrderRate::from_rate(0.6), 0.2});
    model.decay.soil = carbon::FirstOrderRate::from_rate(0.02);
    model.decay.residue_to_litter = 0.3;
    model.hwp = {carbon::FirstOrderRate::from_half_life(35),
                 carbon::FirstOrderRate::from_half_life(25),
                 carbon::FirstOrderRate::from_half_life(2)};
    model.management.enabled = true;
    model.management.wood_use.rows = {
        {{0.55, 0.0, 0.15, 0.30}, {0.0, 0.52, 0.48, 0.0}, {0.0, 0.0, 0.0, 1.0}}};
    in.start_year = 2025;
  }
  // Adds sugi parcel `key` ("p<n>" by default, n = parcels added before, also its source
  // position) of `age` years on `area_ha` under `regime` (kNoRegime for none).
  void add(int age, std::uint16_t regime, double area_ha = 1.0, std::string key = "") {
    ParcelRow r;
    r.key = key.empty() ? "p" + std::to_string(in.parcels.size()) : key;
    r.area_ha = area_ha;
    r.source_pos = static_cast<std::uint32_t>(in.parcels.size());
    r.species = static_cast<std::uint16_t>(sugi);
    r.age = static_cast<std::int16_t>(age);
    in.parcels.append(r);
    in.parcels.curve.back() = 0;
    in.parcels.regime.back() = regime;
    in.parcels.regen_species.back() = static_cast<std::uint16_t>(hinoki);
    in.parcels.regen_curve.back() = 1;
    in.parcels.regen_stems.back() = 3000.0f;
  }
  //! Landscape row of the parcel added n-th.
  std::size_t row(std::size_t n) const {
    for (std::size_t i = 0; i < in.parcels.size(); ++i) {
      if (in.parcels.source_pos[i] == n) return i;
    }
    FAIL("no parcel " << n);
    return 0;
  }
  sim::Aggregates run(int years) {
    in.years = years;
    in.parcels.sort_canonical();
    sim::finish_inputs(in);
    config.output.variables.clear();
    for (std::size_t v = 0; v < sim::kParcelVarCount; ++v)
      config.output.variables.push_back(sim::ParcelVar(v));
    config.output.time_index.clear();
    for (int t = 0; t <= years; ++t) config.output.time_index.push_back(t);
    sink.vars = config.output.variables;
    sink.source_pos = &in.parcels.source_pos;
    state = State(in.parcels.size());
    return sim::run(in, state, config, &sink).aggregates;
  }
};

}  // namespace shinrin::test
