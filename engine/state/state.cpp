#include "shinrin/state/state.hpp"

namespace shinrin {

State::State(std::size_t n)
    : age(n, 0),
      volume(n, 0.0f),
      stems(n, 0.0f),
      height(n, 0.0f),
      since_thinning(n, kNeverThinned),
      species(n, 0),
      curve(n, 0),
      pools(n),
      uptake(n, 0.0) {}

}  // namespace shinrin
