#pragma once
//! How much a thinning removes, as shares of stems and of stem volume, from the stand density
//! diagram at the stand's top height (growth_table.hpp DensityTerms):
//!   row thinning (列状間伐): trees of every size go, so volume share = stems share.
//!   thinning from below (下層間伐): the small trees go; the stand keeps its top height and moves
//!     down its equivalent-height curve, so the volume kept is V(H, N_after) / V(H, N_before):
//!       stems basis s:   volume share = 1 - V(N (1 - s)) / V(N)
//!       volume basis s:  N_after = stems at which V = (1 - s) V(N)
//!   down to a yield index r (DOMAIN.md 6.3):  N_after = stems at which Ry = r.
//! Where the density diagram does not apply (no diagram, or top height below 2 m) a thinning
//! from below removes volume in proportion to stems, like a row thinning.

#include "shinrin/growth/growth_table.hpp"
#include "shinrin/silviculture/regime.hpp"

namespace shinrin::silviculture {

//! Shares of the stand removed [1].
struct RemovedShare {
  double stems = 0.0;
  double volume = 0.0;
};

//! A thinning of `intensity` on `basis` by `method`, on a stand of N stems [ha-1].
RemovedShare thinning_share(double intensity, IntensityBasis basis, ThinningMethod method, double N,
                            const growth::DensityTerms& d);

//! A thinning that brings the yield index down to `to`; zero shares if Ry is already <= to or
//! the diagram does not apply.
RemovedShare thinning_to_yield_index(double to, ThinningMethod method, double N,
                                     const growth::DensityTerms& d);

}  // namespace shinrin::silviculture
