#pragma once
//! A credit project bound to the landscape (setup/crediting.cpp): its methodology, parcels,
//! monitoring periods and every number its arithmetic uses, each with its provenance.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

//! One monitoring period: fiscal years first..last.
struct Period {
  int first_year = 0, last_year = 0;
};

//! How the scheme reads growth (DOMAIN.md 1.1).
enum class GrowthReading : std::uint8_t {
  yield_curve = 0,  //!< dV = V(a) - V(a - 1) on the parcel's curve
  age_class_table =
      1,  //!< dV = (V(5(i + 1)) - V(5 i)) / 5 for age class i at the start of the year
};

//! Whether a project also runs a baseline (project minus baseline, where the methodology says so).
enum class Baseline : std::uint8_t {
  none = 0,
  unmanaged = 1,  //!< the same parcels without regimes, plan, events or boilers
  regimes = 2,    //!< the same parcels with named regimes replaced (Project::baseline_regime)
};

inline constexpr std::uint32_t kNotInProject = std::numeric_limits<std::uint32_t>::max();

struct Project {
  std::string name;
  const Rules* rules = nullptr;
  std::vector<Period> periods;  //!< consecutive, in order
  GrowthReading growth = GrowthReading::yield_curve;
  bool replanting = false;  //!< the replanting rule is claimed (methodologies that have it)
  bool hwp = false;         //!< wood products are claimed (methodologies that have them)
  Baseline baseline = Baseline::none;
  //! Regimes::regimes index -> baseline regime index (kNoRegime: unmanaged); Baseline::regimes.
  std::vector<std::uint16_t> baseline_regime;

  // Numbers, each also in `records`.
  double cf = 0.5;                 //!< carbon fraction of the scheme [t C t-1]
  double buffer_share = 0.0;       //!< share of the credited removals put into the buffer [1]
  double uncertainty_share = 0.0;  //!< deduction for uncertainty [1] (0 until the ensembles set it)
  double rounding_step = 1.0;      //!< credits are rounded down to a multiple of this [t CO2]
  double hwp_retained_sawnwood = 0.0;      //!< share of sawnwood carbon left after the horizon [1]
  double hwp_retained_panels = 0.0;        //!< the same for wood panels [1]
  int treatment_since = 0;                 //!< first fiscal year a treatment record counts
  std::vector<int> standard_rotation_age;  //!< per species index [years]; 0: none given
  std::vector<ParameterRecord> records;    //!< every number above, with status and source

  // Parcels.
  std::vector<std::uint32_t> rows;  //!< landscape rows of the project, ascending
  std::vector<std::uint32_t>
      local_of_row;                       //!< per landscape row: index into rows, or kNotInProject
  std::vector<std::int16_t> record_year;  //!< per project row: register treatment year (0: none)
  std::vector<std::uint8_t> natural;      //!< per project row: natural forest (天然林)
  std::vector<std::uint8_t> protected_forest;  //!< per project row: a field says it is protected
  std::vector<std::uint8_t> afforested;  //!< per project row: a field says planted on non-forest

  // Boiler projects.
  std::vector<std::uint16_t> boilers;  //!< indexes into Inputs::fuel.boilers

  //! Makes the landscape rows with chosen[row] != 0 the project's parcels (rows, local_of_row)
  //! and sizes the per-row register columns, all 0; returns their area [ha].
  double set_rows(const std::vector<std::uint8_t>& chosen, const std::vector<double>& area_ha) {
    rows.clear();
    local_of_row.assign(chosen.size(), kNotInProject);
    double area = 0.0;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      if (!chosen[i]) continue;
      local_of_row[i] = static_cast<std::uint32_t>(rows.size());
      rows.push_back(static_cast<std::uint32_t>(i));
      area += area_ha[i];
    }
    record_year.assign(rows.size(), 0);
    natural.assign(rows.size(), 0);
    protected_forest.assign(rows.size(), 0);
    afforested.assign(rows.size(), 0);
    return area;
  }
  //! Index of the period holding `fiscal_year`, or -1.
  int period_of(int fiscal_year) const {
    for (std::size_t k = 0; k < periods.size(); ++k) {
      if (fiscal_year >= periods[k].first_year && fiscal_year <= periods[k].last_year)
        return int(k);
    }
    return -1;
  }
  int first_year() const { return periods.empty() ? 0 : periods.front().first_year; }
  int last_year() const { return periods.empty() ? 0 : periods.back().last_year; }
};

//! The credit projects of a run.
struct Projects {
  std::vector<Project> projects;
  bool enabled() const { return !projects.empty(); }
  //! Whether any forest project needs a baseline run.
  bool needs_baseline() const {
    for (const auto& p : projects) {
      if (p.baseline != Baseline::none) return true;
    }
    return false;
  }
};

}  // namespace shinrin::crediting
