// Throughput of the annual step on synthetic parcels.
//
//   bench_annual_step [--parcels N] [--years Y] [--threads T] [--repeat R] [--growth-only] [--plan]
//                     [--boilers B] [--credit] [--timings] [--json FILE]
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
// regime. --plan: the planning phase active every year (per municipality, a final-felling area
// target at the normal-forest rate and a thinning area target of 2 % of the managed area, oldest
// first), so felling and thinning go through the landscape barrier. --boilers B (implies --plan):
// B firewood boilers at fixed pseudo-random points of the 80 km x 80 km landscape (parcels lie in
// 10 km tiles, one per municipality), each with a 10 km catchment, 3000 GJ of useful heat a year,
// sources residues, fuelwood and extra operations, one year of drying, 5 % stock loss; their
// demand drives the thinning target (rule boiler_demand, nearest first) in place of the thinning
// area target. --credit: an FO-001 credit project over every parcel for the whole run (yearly
// periods; replanting rule and wood products claimed; a treatment record on every parcel), so the
// crediting phase runs every year. --timings: time per phase. --json FILE: the figures, the
// time per phase and SHA-256 digests of the aggregates and of the final State (to check that a
// faster build gives the same numbers bit for bit) as one JSON object, for
// scripts/plot_benchmarks.py and benchmarks/README.md.
// --growth-only: growth and biomass carbon only. No per-parcel series are written: this
// measures the engine's kernel; benchmarks/README.md also times whole `shinrin run`s.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <omp.h>

#include "shinrin/core/sha256.hpp"
#include "shinrin/core/version.hpp"
#include "shinrin/crediting/account.hpp"
#include "shinrin/crediting/methodology.hpp"
#include "shinrin/fuel/model.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/io/fuel_tables.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/stand_tables.hpp"
#include "shinrin/simulation/simulation.hpp"
#include "shinrin/state/state.hpp"

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

const char* text_arg(int argc, char** argv, const char* name) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) return argv[i + 1];
  }
  return nullptr;
}

// Adds the bytes of `values` to a digest.
template <class T>
void digest(Sha256& h, const T* values, std::size_t n) {
  h.update(std::string_view(reinterpret_cast<const char*>(values), n * sizeof(T)));
}

// SHA-256 of every aggregate of a run (values in their memory bytes): equal digests mean
// bitwise-equal totals, per species, municipality, regime, age class, flux channel and plan row.
std::string aggregates_digest(const sim::Aggregates& a) {
  Sha256 h;
  for (const sim::GroupSeries* s :
       {&a.total, &a.by_species, &a.by_municipality, &a.by_regime, &a.by_age_class, &a.flux}) {
    for (std::size_t g = 0; g < s->groups(); ++g) {
      for (std::size_t t = 0; t < s->times(); ++t) {
        for (std::size_t v = 0; v < s->width(); ++v) {
          const double x = s->at(g, t, v);
          digest(h, &x, 1);
        }
      }
    }
  }
  for (std::size_t row = 0; row < a.plan.rows(); ++row) {
    for (std::size_t t = 0; t < a.plan.times(); ++t) {
      for (std::size_t v = 0; v < planning::kPlanVarCount; ++v) {
        const double x = a.plan.at(row, t, planning::PlanVar(v));
        digest(h, &x, 1);
      }
    }
  }
  return h.hex();
}

// SHA-256 of the final State's stand columns and carbon pools.
std::string state_digest(const State& st) {
  Sha256 h;
  digest(h, st.age.data(), st.size());
  digest(h, st.volume.data(), st.size());
  digest(h, st.stems.data(), st.size());
  digest(h, st.height.data(), st.size());
  for (std::size_t k = 0; k < carbon::kPoolCount; ++k) {
    const auto pool = st.pools.pool(carbon::Pool(k));
    digest(h, pool.data(), pool.size());
  }
  return h.hex();
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
  const auto model = io::load_richards_model(data + "richards_curves.csv",
                                             data + "site_classes.csv", "three_class");
  const char* mix[] = {"sugi", "hinoki", "broadleaf_other", "akamatsu"};
  const double share[] = {0.45, 0.25, 0.20, 0.10};

  sim::Inputs in;
  in.species = species;
  in.start_year = 2025;
  in.years = years;
  Landscape& p = in.parcels;
  p.reserve(n);
  for (int m = 0; m < 60; ++m) p.municipality_names.push_back("municipality " + std::to_string(m));
  p.forest_type_names = {""};
  std::vector<growth::CurveKey> curves;
  for (const char* sp : mix) {
    for (int site = 1; site <= 3; ++site) curves.push_back({sp, site});
  }
  const int n_boilers = static_cast<int>(arg(argc, argv, "--boilers", 0));
  SplitMix rng{20250401};
  char key[32];
  for (std::size_t i = 0; i < n; ++i) {
    double u = rng.uniform();
    int s = 0;
    while (s < 3 && u >= share[s]) u -= share[s++];
    const int site = 1 + int(rng.next() % 3);
    ParcelRow row;
    std::snprintf(key, sizeof key, "%09zu", i);  // register keys in file order
    row.key = key;
    row.source_fid = static_cast<std::int64_t>(i);
    row.source_pos = static_cast<std::uint32_t>(i);
    row.area_ha = 0.1 + 4.9 * rng.uniform();
    row.species = static_cast<std::uint16_t>(*species.find(mix[s]));
    row.municipality = static_cast<std::uint16_t>(i * 60 / n);  // contiguous, as in a register file
    row.site_class = site;
    row.age = static_cast<std::int16_t>(1 + rng.next() % 100);
    if (n_boilers > 0) {  // a point in the municipality's 10 km tile [m]
      row.located = true;
      row.x = 10000.0 * (row.municipality % 8) + 10000.0 * rng.uniform();
      row.y = 10000.0 * (row.municipality / 8) + 10000.0 * rng.uniform();
    }
    p.append(row);
    p.curve.back() = static_cast<std::uint32_t>(s * 3 + site - 1);
    p.regen_curve.back() = p.curve.back();
  }
  const bool full = !flag(argc, argv, "--growth-only");
  const bool plan = flag(argc, argv, "--plan") || n_boilers > 0;
  const auto height = io::load_richards_model(data + "height_curves.csv", data + "site_classes.csv",
                                              "three_class", io::RichardsQuantity::height);
  in.growth = growth::GrowthTable::build(model, curves, 100 + years + 1, full ? &height : nullptr);

  sim::Model& model_config = in.model;  // growth and biomass only unless full
  if (full) {
    const auto diagrams =
        io::load_density_diagrams(data + "density_diagram.csv", "south_kanto_tokai", species);
    std::vector<std::optional<growth::DensityDiagram>> of_curve;
    for (const auto& c : curves) of_curve.push_back(diagrams.by_species[*species.find(c.species)]);
    in.growth.add_density_terms(of_curve);
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
    double regime_area[2] = {0.0, 0.0};
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& code = species[p.species[i]].code;
      if (code == "sugi" || code == "hinoki") {
        p.regime[i] = code == "sugi" ? 0 : 1;
        p.regen_species[i] = p.species[i];
        p.regen_curve[i] = p.curve[i];
        p.regen_stems[i] = 3000.0f;
        regime_area[p.regime[i]] += p.area_ha[i] / m.regimes[p.regime[i]].rotation_age;
      }
    }
    if (n_boilers > 0) {
      const auto factors = io::load_fossil_factor_table(data + "fuel_factors.csv");
      const auto wood = io::load_wood_fuel_table(data + "wood_fuel.csv");
      const fuel::FossilFactor kerosene = factors.get("kerosene", "jcredit_revised");
      fuel::FuelModel& fm = in.fuel;
      SplitMix place{7};
      for (int b = 0; b < n_boilers; ++b) {
        fuel::Boiler boiler;
        boiler.name = "boiler " + std::to_string(b);
        boiler.sources = {fuel::Source::residues, fuel::Source::fuelwood,
                          fuel::Source::extra_operations};
        boiler.first_year = in.start_year;
        boiler.last_year = in.start_year + years - 1;
        boiler.heat_demand = 3000.0;
        boiler.moisture = 25.0;
        boiler.formula = fuel::HeatingValueFormula::gross_dry_matter;
        boiler.constants = wood.constants();
        boiler.project_efficiency = {0.80, fuel::EnergyBasis::hhv};
        boiler.baseline_efficiency = {0.85, fuel::EnergyBasis::hhv};
        boiler.baseline = kerosene;
        boiler.backup = kerosene;
        boiler.drying_years = 1;
        boiler.stock_loss = 0.05;
        boiler.max_stock = 500.0;
        boiler.initial_stock = 150.0;
        boiler.located = true;
        boiler.x = 80000.0 * place.uniform();
        boiler.y = 80000.0 * place.uniform();
        fm.boilers.push_back(boiler);
      }
      // Home boiler: the nearest one within 10 km (fuel/model.hpp).
      fuel::Catchment within_10_km;
      within_10_km.kind = fuel::Catchment::Kind::radius;
      within_10_km.radius = 10000.0;
      fuel::assign_homes(fm, std::vector<fuel::Catchment>(fm.boilers.size(), within_10_km), p);
    }
    if (plan) {
      // Planning active every year: per municipality, a final-felling area target at the
      // normal-forest rate (regime area / rotation age) and a thinning area target of 2 % of the
      // regime area a year, both oldest first.
      planning::Plan& pl = in.plan;
      planning::UnitColumn units;
      units.name = "municipality";
      units.unit_names = p.municipality_names;
      units.unit_of_row = p.municipality;
      pl.unit_columns = {units};
      if (n_boilers > 0) {
        planning::UnitColumn by_boiler;
        by_boiler.name = "boiler";
        for (const auto& b : in.fuel.boilers) by_boiler.unit_names.push_back(b.name);
        by_boiler.unit_of_row.assign(n, planning::kOutsideUnit);
        for (std::size_t i = 0; i < n; ++i) {
          if (in.fuel.home[i] != fuel::kNoBoiler) by_boiler.unit_of_row[i] = in.fuel.home[i];
        }
        pl.unit_columns.push_back(by_boiler);
      }
      const std::size_t times = std::size_t(years) + 1;
      std::vector<double> normal(60, 0.0), thin_area(60, 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        if (p.regime[i] == kNoRegime) continue;
        normal[p.municipality[i]] += p.area_ha[i] / m.regimes[p.regime[i]].rotation_age;
        thin_area[p.municipality[i]] += 0.02 * p.area_ha[i];
      }
      for (auto op : {planning::Operation::final_felling, planning::Operation::thinning}) {
        planning::Target t;
        t.name = op == planning::Operation::final_felling ? "felling" : "thinning";
        t.operation = op;
        t.times = times;
        t.amount.assign(60 * times, 0.0);
        for (std::size_t u = 0; u < 60; ++u) {
          for (std::size_t k = 0; k < times; ++k) {
            t.amount[u * times + k] =
                op == planning::Operation::final_felling ? normal[u] : thin_area[u];
          }
        }
        if (op == planning::Operation::thinning && n_boilers > 0) {
          t.name = "firewood";
          t.basis = planning::Basis::fuel_dry_mass;
          t.priority = planning::Priority::nearest_first;
          t.rule = "boiler_demand";
          t.unit_column = 1;
          t.amount.assign(std::size_t(n_boilers) * times, 0.0);
          for (int b = 0; b < n_boilers; ++b) t.boilers.push_back(static_cast<std::uint16_t>(b));
        }
        pl.targets.push_back(t);
      }
      pl.target_of = {0, 1, 0, 1};
      pl.first_row = {0, 60};
      pl.rows = 60 + pl.unit_columns.back().unit_names.size();
    }
    (void)regime_area;
  }
  if (full && flag(argc, argv, "--credit")) {
    crediting::Project pj;
    pj.name = "fo001";
    pj.rules = &crediting::fo001();
    for (int y = 0; y < years; ++y) pj.periods.push_back({in.start_year + y, in.start_year + y});
    pj.buffer_share = 0.03;
    pj.treatment_since = 1990;
    pj.replanting = true;
    pj.hwp = true;
    pj.hwp_retained_sawnwood = crediting::retained_share(35.0, 90.0);
    pj.hwp_retained_panels = crediting::retained_share(25.0, 90.0);
    pj.standard_rotation_age.assign(species.size(), 0);
    pj.standard_rotation_age[*species.find("sugi")] = 40;
    pj.standard_rotation_age[*species.find("hinoki")] = 45;
    pj.set_rows(std::vector<std::uint8_t>(n, 1), p.area_ha);
    pj.record_year.assign(n, 2000);
    in.credit.projects.push_back(std::move(pj));
  }
  in.parcels.sort_canonical();  // keys ascend with i, so rows (and the columns built above) stay
  sim::finish_inputs(in);

  sim::RunConfig config;
  config.threads = threads;
  std::vector<double> rates;
  double check = 0.0;
  sim::Timings timings;
  std::string aggregates = "-", state_hex = "-";  // computed only for --json
  const bool digests = text_arg(argc, argv, "--json") != nullptr;
  State state(n);
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const sim::RunResult result = sim::run(in, state, config, nullptr);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rates.push_back(double(n) * years / s);
    check =
        result.aggregates.total.at(0, static_cast<std::size_t>(years), sim::AggVar::stem_volume);
    timings = result.timings;
    if (digests) {
      aggregates = aggregates_digest(result.aggregates);
      state_hex = state_digest(state);
    }
    if (n_boilers > 0 && r + 1 == repeat) {
      double burnt = 0.0, shortfall = 0.0, reduction = 0.0, demand = 0.0;
      for (const auto& by_year : result.aggregates.fuel) {
        for (std::size_t t = 1; t < by_year.size(); ++t) {
          burnt += by_year[t].burnt_dry;
          shortfall += by_year[t].shortfall;
          reduction += by_year[t].reduction;
          demand += by_year[t].heat_demand;
        }
      }
      const auto homed = std::count_if(in.fuel.home.begin(), in.fuel.home.end(),
                                       [](std::uint16_t h) { return h != fuel::kNoBoiler; });
      std::printf(
          "fuel: %d boilers (%.3f of the parcels in a catchment) burnt %.4g t dry a year, "
          "%.1f %% of the heat from backup, %.4g t CO2 a year avoided\n",
          n_boilers, double(homed) / double(n), burnt / years, 100.0 * shortfall / demand,
          reduction / years);
    }
    if (plan && r + 1 == repeat) {
      double eligible = 0.0, treated = 0.0;
      for (std::size_t row = 0; row < result.aggregates.plan.rows(); ++row) {
        for (int t = 1; t <= years; ++t) {
          eligible +=
              result.aggregates.plan.at(row, std::size_t(t), planning::PlanVar::eligible_parcels);
          treated +=
              result.aggregates.plan.at(row, std::size_t(t), planning::PlanVar::treated_parcels);
        }
      }
      std::printf("planning: %.3f eligible and %.4f treated parcels per parcel-year\n",
                  eligible / (double(n) * years), treated / (double(n) * years));
    }
  }
  std::sort(rates.begin(), rates.end());
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("%s step%s: parcels %zu  years %d  threads %d  repeats %d\n",
              full ? "full" : "growth-only", plan ? " with planning" : "", n, years,
              threads > 0 ? threads : omp_get_max_threads(), repeat);
  std::printf("parcel-years/s  best %.3g  median %.3g\n", rates.back(), rates[rates.size() / 2]);
  std::printf("peak RSS %.1f MiB\n", ru.ru_maxrss / 1024.0);
  std::printf("final stem volume %.6e m3 (checksum)\n", check);
  if (digests)
    std::printf("aggregates sha256 %s\nstate sha256 %s\n", aggregates.c_str(), state_hex.c_str());
  if (flag(argc, argv, "--timings")) {
    std::printf(
        "timings of the last run (thread-seconds for per-parcel parts, wall for landscape "
        "parts):\n");
    for (const auto& ph : timings.phases) {
      std::printf("  %-14s %-10s %8.3f s  %6.2f ns/parcel-year\n", ph.name.c_str(),
                  ph.landscape ? "landscape" : "per-parcel", ph.seconds,
                  ph.seconds / (double(n) * years) * 1e9);
    }
    std::printf(
        "  barrier wait %8.3f thread-s over %zu parallel segments; initial state %.3f s; wall %.3f "
        "s\n",
        timings.barrier_wait_seconds, timings.segments, timings.initial_seconds,
        timings.wall_seconds);
  }
  if (const char* path = text_arg(argc, argv, "--json")) {
    // Names and numbers only (no text that needs escaping), so printf writes valid JSON.
    std::FILE* f = std::fopen(path, "w");
    if (f == nullptr) {
      std::fprintf(stderr, "bench_annual_step: cannot write %s\n", path);
      return 1;
    }
    std::fprintf(f,
                 "{\"benchmark\": \"annual_step\", \"step\": \"%s\", \"plan\": %s, "
                 "\"boilers\": %d, \"credit\": %s, \"output\": \"aggregates\", \"parcels\": %zu, "
                 "\"years\": %d, \"threads\": %d, \"ranks\": 1, \"repeats\": %d,\n",
                 full ? "full" : "growth-only", plan ? "true" : "false", n_boilers,
                 flag(argc, argv, "--credit") ? "true" : "false", n, years,
                 threads > 0 ? threads : omp_get_max_threads(), repeat);
    std::fprintf(f, " \"parcel_years_per_s\": [");
    for (std::size_t k = 0; k < rates.size(); ++k)
      std::fprintf(f, "%s%.6g", k ? ", " : "", rates[k]);
    std::fprintf(f,
                 "], \"parcel_years_per_s_median\": %.6g, \"peak_rss_mib\": %.1f, "
                 "\"peak_rss_bytes_per_parcel\": %.1f,\n",
                 rates[rates.size() / 2], ru.ru_maxrss / 1024.0,
                 double(ru.ru_maxrss) * 1024.0 / double(n));
    std::fprintf(f, " \"ns_per_parcel_year\": {");
    for (std::size_t k = 0; k < timings.phases.size(); ++k) {
      const auto& ph = timings.phases[k];
      std::fprintf(f, "%s\"%s%s\": %.3f", k ? ", " : "", ph.name.c_str(),
                   ph.landscape ? " (landscape)" : "", ph.seconds / (double(n) * years) * 1e9);
    }
    std::fprintf(f, "},\n \"barrier_wait_thread_seconds\": %.4f, \"wall_seconds\": %.4f,\n",
                 timings.barrier_wait_seconds, timings.wall_seconds);
    char date[32] = "";
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    std::fprintf(f,
                 " \"aggregates_sha256\": \"%s\", \"state_sha256\": \"%s\",\n \"git_sha\": "
                 "\"%.*s\", \"cpus\": %d, \"date\": \"%s\"}\n",
                 aggregates.c_str(), state_hex.c_str(), int(git_sha().size()), git_sha().data(),
                 omp_get_num_procs(), date);
    if (std::fclose(f) != 0) {
      std::fprintf(stderr, "bench_annual_step: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}
