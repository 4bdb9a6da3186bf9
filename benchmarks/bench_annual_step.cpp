// Throughput of the annual step on synthetic parcels.
//
//   bench_annual_step [--parcels N] [--years Y] [--threads T] [--repeat R] [--growth-only]
//
// Builds N synthetic parcels (species mix of a Japanese prefecture: sugi 45 %, hinoki 25 %,
// broadleaf 20 %, pines 10 %; ages 1-100; site classes 1-3; 60 municipalities, each a contiguous
// run of parcels as in a prefecture's register file) with the
// repository's parameter tables, runs the simulation R times, and prints parcel-years per second
// (best and median of R) and the peak resident memory of the process.
// The full step (default): growth with top height and stems, density-triggered thinning from
// below and scheduled thinning of sugi and hinoki (south Kanto-Tokai diagrams), clear-felling at
// 60 / 70 years with replanting, removal streams, biomass, dead wood, litter, soil and HWP pools
// with decay, carbon-balance checks every module and year, totals by species, municipality and
// regime. --growth-only: growth and biomass carbon only. No per-parcel series are written: this
// measures the engine's kernel; benchmarks/README.md also times whole `shinrin run`s.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <omp.h>

#include "shinrin/growth/growth_table.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/stand_tables.hpp"
#include "shinrin/simulation/simulation.hpp"

using namespace shinrin;

namespace {

// Deterministic generator (splitmix64), so every run benchmarks the same parcels.
struct SplitMix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
};

bool flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == name) return true;
  }
  return false;
}

long arg(int argc, char** argv, const char* name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) return std::strtol(argv[i + 1], nullptr, 10);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = static_cast<std::size_t>(arg(argc, argv, "--parcels", 1000000));
  const int years = static_cast<int>(arg(argc, argv, "--years", 100));
  const int threads = static_cast<int>(arg(argc, argv, "--threads", 0));
  const int repeat = static_cast<int>(arg(argc, argv, "--repeat", 3));
  const std::string data = std::string(SHINRIN_SOURCE_DIR) + "/data/";

  const SpeciesTable species = io::load_species_table(data + "species.csv");
  const auto model = io::load_richards_model(data + "richards_curves.csv", data + "site_classes.csv", "three_class");
  const char* mix[] = {"sugi", "hinoki", "broadleaf_other", "akamatsu"};
  const double share[] = {0.45, 0.25, 0.20, 0.10};

  ParcelTable p;
  p.reserve(n);
  for (int m = 0; m < 60; ++m) p.municipality_names.push_back("municipality " + std::to_string(m));
  std::vector<growth::CurveKey> curves;
  for (const char* sp : mix) {
    for (int site = 1; site <= 3; ++site) curves.push_back({sp, site});
  }
  SplitMix rng{20250401};
  for (std::size_t i = 0; i < n; ++i) {
    double u = rng.uniform();
    int s = 0;
    while (s < 3 && u >= share[s]) u -= share[s++];
    const int site = 1 + int(rng.next() % 3);
    ParcelRow row;
    row.key = std::to_string(i);
    row.source_fid = static_cast<std::int64_t>(i);
    row.area_ha = 0.1 + 4.9 * rng.uniform();
    row.species = static_cast<std::uint16_t>(*species.find(mix[s]));
    row.municipality = static_cast<std::uint16_t>(i * 60 / n);  // contiguous, as in a register file
    row.site_class = site;
    row.age = static_cast<std::int16_t>(1 + rng.next() % 100);
    p.append(row);
    p.curve.back() = static_cast<std::uint32_t>(s * 3 + site - 1);
  }
  p.sort_by_curve();
  const bool full = !flag(argc, argv, "--growth-only");
  const auto height = io::load_richards_model(data + "height_curves.csv", data + "site_classes.csv", "three_class",
                                              io::RichardsQuantity::height);
  auto table = growth::GrowthTable::build(model, curves, 100 + years + 1, full ? &height : nullptr);

  sim::Model model_config;  // growth and biomass only unless full
  if (full) {
    const auto diagrams = io::load_density_diagrams(data + "density_diagram.csv", "south_kanto_tokai", species);
    std::vector<std::optional<growth::DensityDiagram>> of_curve;
    for (const auto& c : curves) of_curve.push_back(diagrams.by_species[*species.find(c.species)]);
    table.add_density_terms(of_curve);
    model_config.stand = {true, diagrams.by_species, 0.7, 3000.0, 1500.0, 0.7};
    std::vector<std::size_t> used;
    for (const char* sp : mix) used.push_back(*species.find(sp));
    model_config.carbon_enabled = true;
    model_config.decay = io::load_decay_table(data + "decay.csv", species, used, false).config;
    model_config.hwp = io::load_hwp_table(data + "hwp.csv").config;
    auto& m = model_config.management;
    m.enabled = true;
    m.wood_use = io::load_wood_use_table(data + "wood_use.csv").wood_use;
    using namespace silviculture;
    const RemovalShares thin{0.2, 0.3, 0.3, 0.2, 0.0}, fell{0.6, 0.25, 0.15, 0.0, 0.3};
    for (const char* sp : {"sugi", "hinoki"}) {
      Regime r;
      r.name = sp;
      r.thinnings = {{25, 0.3, IntensityBasis::stems, ThinningMethod::from_below}};
      r.trigger = {true, 0.75, 0.65, ThinningMethod::from_below, 15, 5};
      r.rotation_age = std::string(sp) == "sugi" ? 60 : 70;
      r.thinning_removals = thin;
      r.felling_removals = fell;
      r.regeneration = {true, RegenerationMethod::replant, *species.find(sp), 3000.0};
      m.regimes.push_back(r);
    }
    m.event_offset.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& code = species[p.species[i]].code;
      if (code == "sugi" || code == "hinoki") {
        p.regime[i] = code == "sugi" ? 0 : 1;
        p.regen_species[i] = p.species[i];
        p.regen_curve[i] = p.curve[i];
        p.regen_stems[i] = 3000.0f;
      }
    }
  }
  const ParcelTable initial = p;

  sim::RunConfig config;
  config.start_year = 2025;
  config.years = years;
  config.threads = threads;
  std::vector<double> rates;
  double check = 0.0;
  for (int r = 0; r < repeat; ++r) {
    p = initial;
    const auto t0 = std::chrono::steady_clock::now();
    const sim::Aggregates agg = sim::run(p, species, table, model_config, config, nullptr);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rates.push_back(double(n) * years / s);
    check = agg.total.at(0, static_cast<std::size_t>(years), sim::AggVar::stem_volume);
  }
  std::sort(rates.begin(), rates.end());
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("%s step: parcels %zu  years %d  threads %d  repeats %d\n", full ? "full" : "growth-only", n, years,
              threads > 0 ? threads : omp_get_max_threads(), repeat);
  std::printf("parcel-years/s  best %.3g  median %.3g\n", rates.back(), rates[rates.size() / 2]);
  std::printf("peak RSS %.1f MiB\n", ru.ru_maxrss / 1024.0);
  std::printf("final stem volume %.6e m3 (checksum)\n", check);
  return 0;
}
