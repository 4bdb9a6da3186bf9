// shinrin fit-growth TABLE.csv [--species CODE] [--site-class N]
// Fits a Richards curve to every (species, site class) of a yield table and prints parameters,
// residual error and the age and size of the maximum mean annual increment: the curve a run
// continues the table on past its last age (growth/table_extension.hpp).
#include <cmath>
#include <cstdio>

#include "commands.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/growth/richards_fit.hpp"
#include "shinrin/io/parameter_tables.hpp"

namespace shinrin::app {

int cmd_fit_growth(const FitGrowthOptions& o) {
  check_not_empty(o.species, "--species");
  const auto site = integer_option(o.site_class, "--site-class", -1000000, 1000000);
  const auto curves = io::read_yield_tables(o.table);
  const auto& species = o.species;
  std::printf("Richards fit V(t) = A (1 - exp(-k t))^c of %s\n", o.table.c_str());
  std::printf("%-16s %6s %6s %10s %10s %9s %8s %9s %9s %8s %9s %s\n", "species", "site", "points",
              "A m3/ha", "k 1/year", "c", "m", "RMSE", "max|res|", "t* year", "MAI* m3",
              "converged");
  int fitted = 0;
  for (const auto& [key, curve] : curves) {
    if (species && key.first != *species) continue;
    if (site && key.second != *site) continue;
    const auto ages = curve.table.ages();
    const auto vols = curve.table.volumes();
    if (ages.size() < 3) {
      std::printf("%-16s %6s: only %zu points, need 3\n", key.first.c_str(), "", ages.size());
      continue;
    }
    const growth::RichardsFit f = growth::fit_richards(ages, vols);
    // Age and value of the maximum mean annual increment V(t)/t, on a 0.1-year grid.
    double t_star = 0.0, mai_star = 0.0;
    for (double t = 0.1; t <= 400.0; t += 0.1) {
      const double mai = growth::richards_volume(f.params, t) / t;
      if (mai > mai_star) {
        mai_star = mai;
        t_star = t;
      }
    }
    const std::string site_text =
        key.second == growth::YieldTableModel::kAnySiteClass ? "*" : std::to_string(key.second);
    std::printf("%-16s %6s %6zu %10.2f %10.6f %9.5f %8.4f %9.3f %9.3f %8.1f %9.3f %s\n",
                key.first.c_str(), site_text.c_str(), ages.size(), f.params.A, f.params.k,
                f.params.c, 1.0 - 1.0 / f.params.c, f.rmse, f.max_abs_residual, t_star, mai_star,
                f.converged ? "yes" : "no");
    ++fitted;
  }
  if (fitted == 0) throw InputError(o.table + ": no curve matches the selection");
  std::printf(
      "past its last age L a run continues each table on its fitted curve R, joined at L: "
      "V(a) = V_L + R(a) - R(L);\na table whose fit did not converge (or with fewer than 3 "
      "points) stays flat past L\n");
  return 0;
}

}  // namespace shinrin::app
