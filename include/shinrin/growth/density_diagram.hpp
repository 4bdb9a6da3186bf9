#pragma once
//! Stand density control diagram (林分密度管理図), DOMAIN.md 6.3 [C for the forms]:
//!   equivalent-height curve (reciprocal yield-density law)
//!       V(H, N) = 1 / (b1 H^b2 + b3 H^b4 / N)          V [m3 ha-1], H top height [m], N [ha-1]
//!   full-density (最多密度) line
//!       N_Rf(H) = 10^c H^(b4 - b2)                        (DOMAIN.md: N_Rf = K H^-a, K = 10^c)
//!   yield index (収量比数)
//!       Ry(H, N) = V(H, N) / V(H, N_Rf(H))
//!   relative spacing (相対幹距比)
//!       Sr(H, N) = sqrt(10000 / N) / H x 100             [%]
//! Closed forms used by thinning:
//!   N with Ry(H, N) = r:          N = b3 H^b4 / (1 / (r V_Rf(H)) - b1 H^b2)
//!   N with V(H, N) = v:           N = b3 H^b4 / (1 / v - b1 H^b2)
//! Coefficients per region and species live in data/density_diagram.csv with source and status.

namespace shinrin::growth {

struct DensityDiagram {
  double b1 = 0.0, b2 = 0.0, b3 = 0.0, b4 = 0.0;  //!< equivalent-height curve
  double c = 0.0;                                 //!< log10 of the full-density line at H = 1 m

  //! Stand volume on the equivalent-height curve [m3 ha-1].
  double volume(double H, double N) const;
  //! Stems on the full-density line at top height H [ha-1].
  double full_density_stems(double H) const;
  //! Yield index Ry [1].
  double yield_index(double H, double N) const;
  //! Stems at which Ry(H, N) = ry [ha-1] (0 < ry < 1).
  double stems_for_yield_index(double H, double ry) const;
  //! Stems at which V(H, N) = v [ha-1]; +inf if v is at or above the curve's asymptote.
  double stems_for_volume(double H, double v) const;
};

//! Relative spacing Sr [%] of N stems per ha at top height H [m].
double relative_spacing(double H, double N);

}  // namespace shinrin::growth
