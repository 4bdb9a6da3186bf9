#pragma once
//! Richards (Chapman-Richards) stand-volume curve:
//!   V(t) = A (1 - exp(-k t))^c,   c = 1 / (1 - m)
//! V stem volume [m3 ha-1], t stand age [years], A asymptote [m3 ha-1], k rate [year-1],
//! c shape [1]. Defaults per species from DOMAIN.md 6.2 [D] (fitted to the mean asymptote, age of
//! maximum mean annual increment and maximum MAI of Yoshida & Matsushita 1999, 28 western-Japan
//! prefectural yield tables).

#include <cmath>

namespace shinrin::growth {

struct RichardsParams {
  double A = 0.0;  //!< asymptote [m3 ha-1]
  double k = 0.0;  //!< rate [year-1]
  double c = 0.0;  //!< shape exponent [1]
};

//! Stem volume at age `t` [m3 ha-1]; 0 for t <= 0.
inline double richards_volume(const RichardsParams& p, double t) {
  if (t <= 0.0) return 0.0;
  return p.A * std::pow(1.0 - std::exp(-p.k * t), p.c);
}

}  // namespace shinrin::growth
