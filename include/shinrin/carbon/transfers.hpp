#pragma once
//! The one place where pool values change after initialisation. apply_fluxes() moves the amounts
//! of one module's channels between pools and the atmosphere and books uptake and emission;
//! check_balance() then verifies, for every parcel of the range,
//!   | sum(pools) - (initial + uptake - emission) | <= 1e-6 x (|initial| + |uptake| + |emission|) +
//!   1e-9
//! [t C ha-1], i.e. relative error below 1e-6 of the carbon that has passed through the parcel.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "shinrin/carbon/flux.hpp"
#include "shinrin/carbon/pools.hpp"
#include "shinrin/core/row_range.hpp"

namespace shinrin::carbon {

//! Relative tolerance of the carbon balance.
inline constexpr double kBalanceTolerance = 1e-6;

//! Applies every active channel of `module` in `fluxes` to rows `rows` (block row 0 = rows.first).
//! Sparse channels (thinning, felling) are applied to the rows they were written for only.
void apply_fluxes(RowRange rows, const FluxBlock& fluxes, Module module, PoolTable& pools);

//! First row of `rows` whose carbon balance fails, or nullopt.
std::optional<std::size_t> check_balance(RowRange rows, const PoolTable& pools);
//! First of the block rows `subset` (counted from rows.first) whose carbon balance fails, or
//! nullopt: the check after a module that changed only those rows.
std::optional<std::size_t> check_balance(RowRange rows, std::span<const std::uint32_t> subset,
                                         const PoolTable& pools);

//! Sets the balance baseline of `rows` to their current pool totals (after initialisation or a
//! reset of the accounts).
void start_balance(RowRange rows, PoolTable& pools);

}  // namespace shinrin::carbon
