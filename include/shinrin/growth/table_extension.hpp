#pragma once
//! Growth past the last age of a yield table (収穫表): one rule for every table.
//!
//!   V(a) = V_L + R(a) - R(L)                for a > L                        [m3 ha-1]
//!   R(t) = A (1 - exp(-k t))^c                                               [m3 ha-1]
//!
//! L is the table's last age [years], V_L its volume [m3 ha-1], and R the Richards curve fitted
//! to every (age, volume) row of the table by least squares (richards_fit.hpp: the fit that
//! `shinrin fit-growth` prints). Volume is continuous at L; the annual increment past L is the
//! fitted curve's, R(a + 1) - R(a), which falls towards 0 as R nears its asymptote, so the stand
//! approaches V_L + A - R(L). A table tabulated from a Richards curve gives that curve back
//! (data/yield_tables/western_japan_richards.csv: the DOMAIN.md 6.2 curves to 0.1 %).
//! A, k, c are derived from the table; the rule adds no parameter of its own.
//!
//! Fallback, where no Richards curve can be fitted (fewer than 3 rows, no convergence within the
//! fit's iteration limit, parameters not finite): V(a) = V_L, no growth past the table, which is
//! what every table did before the rule. The run reports the curves that fall back.
//!
//! Extrapolation is still extrapolation: a table that stops young says little about old stands.
//! Runs report how many parcels went past their table and by how many years (past_data.hpp).

#include <span>
#include <string>

#include "shinrin/growth/richards.hpp"

namespace shinrin::growth {

class TableExtension {
 public:
  enum class Rule {
    richards,  //!< V_L + R(a) - R(L), R fitted to the table
    flat,      //!< V_L: no curve could be fitted
  };

  //! Fits R to the rows (`ages` [years] > 0, increasing; `volumes` [m3 ha-1], same length, at
  //! least one row) and continues from the last row; flat, with the reason, if the fit fails.
  static TableExtension fit(std::span<const double> ages, std::span<const double> volumes);

  //! The continuation of a given curve `r` from (`last_age` [years], `last_volume` [m3 ha-1]).
  TableExtension(double last_age, double last_volume, const RichardsParams& r, double rmse = 0.0);
  //! No growth past (`last_age`, `last_volume`); `why` says why no curve was fitted.
  static TableExtension flat(double last_age, double last_volume, std::string why);

  //! Stem volume at `age` >= last_age() [m3 ha-1] (ages below read as last_age()).
  double volume(double age) const;

  Rule rule() const { return rule_; }
  double last_age() const { return last_age_; }        //!< L [years]
  double last_volume() const { return last_volume_; }  //!< V_L [m3 ha-1]
  //! The fitted curve R (A [m3 ha-1], k [year-1], c [1]); zeros for a flat extension.
  const RichardsParams& params() const { return params_; }
  //! Root mean square residual of the fit over the table's rows [m3 ha-1]; 0 when flat.
  double rmse() const { return rmse_; }
  //! Why the extension is flat; empty for the Richards rule.
  const std::string& fallback_reason() const { return why_flat_; }
  //! One line for reports, e.g. "V(a) = V(100) + R(a) - R(100), R: A 589.3 k 0.0427 c 2.53".
  std::string describe() const;

 private:
  TableExtension() = default;
  Rule rule_ = Rule::flat;
  double last_age_ = 0.0;
  double last_volume_ = 0.0;
  RichardsParams params_{};
  double r_last_ = 0.0;  // R(L) [m3 ha-1]
  double rmse_ = 0.0;
  std::string why_flat_;
};

}  // namespace shinrin::growth
