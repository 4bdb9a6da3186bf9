#include "shinrin/growth/richards_fit.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <limits>

#include "shinrin/core/error.hpp"

namespace shinrin::growth {
namespace {

// Shape term g(t) = (1 - exp(-k t))^c of the curve.
double shape(double k, double c, double t) {
  return std::pow(1.0 - std::exp(-k * t), c);
}

double sum_of_squares(const RichardsParams& p, std::span<const double> t,
                      std::span<const double> v) {
  double s = 0.0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double r = richards_volume(p, t[i]) - v[i];
    s += r * r;
  }
  return s;
}

// Best A for fixed (k, c): minimises sum (A g_i - v_i)^2, so A = sum g v / sum g^2.
RichardsParams with_best_asymptote(double k, double c, std::span<const double> t,
                                   std::span<const double> v) {
  double gv = 0.0, gg = 0.0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double g = shape(k, c, t[i]);
    gv += g * v[i];
    gg += g * g;
  }
  return {gg > 0.0 ? gv / gg : 0.0, k, c};
}

RichardsParams grid_start(std::span<const double> t, std::span<const double> v) {
  RichardsParams best{};
  double best_ss = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= 60; ++i) {
    const double k = 0.002 * std::pow(150.0, i / 60.0);  // 0.002 .. 0.3 year-1, log spaced
    for (int j = 0; j <= 40; ++j) {
      const double c = 0.3 * std::pow(40.0, j / 40.0);  // 0.3 .. 12, log spaced
      const RichardsParams p = with_best_asymptote(k, c, t, v);
      const double ss = sum_of_squares(p, t, v);
      if (ss < best_ss) {
        best_ss = ss;
        best = p;
      }
    }
  }
  return best;
}

}  // namespace

RichardsFit fit_richards(std::span<const double> ages, std::span<const double> volumes) {
  if (ages.size() != volumes.size()) throw Error("fit_richards: ages and volumes differ in length");
  std::size_t usable = 0;
  for (double a : ages) usable += a > 0.0 ? 1 : 0;
  if (usable < 3) throw Error("fit_richards: needs at least 3 points with age > 0");

  RichardsParams p = grid_start(ages, volumes);
  double ss = sum_of_squares(p, ages, volumes);
  double lambda = 1e-3;
  RichardsFit fit;
  const Eigen::Index n = static_cast<Eigen::Index>(ages.size());
  Eigen::MatrixXd J(n, 3);
  Eigen::VectorXd r(n);
  for (int iter = 1; iter <= 500; ++iter) {
    fit.iterations = iter;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double t = ages[static_cast<std::size_t>(i)];
      const double e = std::exp(-p.k * t);
      const double base = 1.0 - e;
      const double g = t > 0.0 ? std::pow(base, p.c) : 0.0;
      r(i) = p.A * g - volumes[static_cast<std::size_t>(i)];
      J(i, 0) = g;                                                              // dV/dA
      J(i, 1) = t > 0.0 ? p.A * p.c * std::pow(base, p.c - 1.0) * t * e : 0.0;  // dV/dk
      J(i, 2) = t > 0.0 ? p.A * g * std::log(base) : 0.0;                       // dV/dc
    }
    const Eigen::Matrix3d JtJ = J.transpose() * J;
    const Eigen::Vector3d Jtr = J.transpose() * r;
    bool improved = false;
    while (lambda < 1e12) {
      Eigen::Matrix3d A = JtJ;
      A.diagonal() += lambda * JtJ.diagonal().cwiseMax(1e-12);
      const Eigen::Vector3d step = A.ldlt().solve(-Jtr);
      const RichardsParams trial{p.A + step(0), p.k + step(1), p.c + step(2)};
      if (trial.A > 0.0 && trial.k > 0.0 && trial.c > 0.0) {
        const double trial_ss = sum_of_squares(trial, ages, volumes);
        if (std::isfinite(trial_ss) && trial_ss <= ss) {
          const double change = ss - trial_ss;
          p = trial;
          const double old_ss = ss;
          ss = trial_ss;
          lambda = std::max(lambda / 10.0, 1e-15);
          improved = true;
          if (change <= 1e-14 * std::max(old_ss, 1e-300)) fit.converged = true;
          break;
        }
      }
      lambda *= 10.0;
    }
    if (!improved || fit.converged || ss == 0.0) {
      fit.converged = fit.converged || ss == 0.0 || !improved;
      break;
    }
  }
  fit.params = p;
  fit.rmse = std::sqrt(ss / static_cast<double>(n));
  for (std::size_t i = 0; i < ages.size(); ++i) {
    fit.max_abs_residual =
        std::max(fit.max_abs_residual, std::abs(richards_volume(p, ages[i]) - volumes[i]));
  }
  return fit;
}

}  // namespace shinrin::growth
