#pragma once
//! Fits a Richards curve V(t) = A (1 - exp(-k t))^c to (age, volume) points by nonlinear least
//! squares (Levenberg-Marquardt on the residuals V_model - V_obs, Eigen dense solves).
//! Start values: a grid over (k, c) with the best A from the linear least-squares solution for
//! each grid point, so no user guess is needed.

#include <span>

#include "shinrin/growth/richards.hpp"

namespace shinrin::growth {

struct RichardsFit {
  RichardsParams params;
  double rmse = 0.0;              //!< root mean square residual [m3 ha-1]
  double max_abs_residual = 0.0;  //!< largest |V_model - V_obs| [m3 ha-1]
  int iterations = 0;             //!< Levenberg-Marquardt iterations used
  bool converged = false;         //!< relative change of the sum of squares fell below 1e-14
};

//! Fits A [m3 ha-1], k [year-1] and c [1] to `ages` [years] and `volumes` [m3 ha-1].
//! Needs at least 3 points with age > 0; throws shinrin::Error otherwise.
RichardsFit fit_richards(std::span<const double> ages, std::span<const double> volumes);

}  // namespace shinrin::growth
