#pragma once
//! First-order decay of a pool over one year with an inflow during the year, the form of
//! IPCC 2006 GL Vol. 4 eq. 12.1 (= 2013 KP Supplement eq. 2.8.5; DOMAIN.md section 5) [C]:
//!   C(i+1) = e^(-k) C(i) + [(1 - e^(-k)) / k] Inflow(i)
//! so the carbon leaving the pool in year i is
//!   out(i) = C(i) (1 - e^(-k)) + Inflow(i) (1 - (1 - e^(-k)) / k)
//! k [year-1] = ln 2 / half-life. The engine uses the same form for harvested wood products,
//! dead wood, litter and soil, so inflows during a year decay for part of that year.

#include <cmath>

namespace shinrin::carbon {

//! Per-pool constants of the one-year step.
struct FirstOrderRate {
  double k = 0.0;            //!< decay rate [year-1]
  double keep_stock = 1.0;   //!< e^(-k): share of the start-of-year stock kept
  double keep_inflow = 1.0;  //!< (1 - e^(-k)) / k: share of this year's inflow kept

  static FirstOrderRate from_rate(double k) {
    FirstOrderRate r;
    r.k = k;
    r.keep_stock = std::exp(-k);
    r.keep_inflow = k > 0.0 ? -std::expm1(-k) / k : 1.0;
    return r;
  }
  static FirstOrderRate from_half_life(double years) { return from_rate(std::log(2.0) / years); }

  //! Carbon leaving the pool this year [t C ha-1] given the start-of-year stock and the inflow.
  double outflow(double stock, double inflow) const {
    return stock * (1.0 - keep_stock) + inflow * (1.0 - keep_inflow);
  }
};

}  // namespace shinrin::carbon
