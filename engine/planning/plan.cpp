#include "shinrin/planning/plan.hpp"

namespace shinrin::planning {

std::string_view operation_name(Operation o) {
  switch (o) {
    case Operation::final_felling:
      return "final_felling";
    case Operation::thinning:
      return "thinning";
  }
  return "unknown";
}

std::string_view basis_name(Basis b) {
  switch (b) {
    case Basis::area:
      return "area";
    case Basis::volume:
      return "volume";
    case Basis::fuel_dry_mass:
      return "fuel_dry_mass";
  }
  return "unknown";
}

std::string_view basis_units(Basis b) {
  switch (b) {
    case Basis::area:
      return "ha year-1";
    case Basis::volume:
      return "m3 year-1";
    case Basis::fuel_dry_mass:
      return "t year-1";
  }
  return "1";
}

std::string_view priority_name(Priority p) {
  switch (p) {
    case Priority::oldest_first:
      return "oldest_first";
    case Priority::largest_volume_first:
      return "largest_volume_first";
    case Priority::highest_ry_first:
      return "highest_ry_first";
    case Priority::longest_since_thinning:
      return "longest_since_thinning";
    case Priority::random:
      return "random";
    case Priority::nearest_first:
      return "nearest_first";
  }
  return "unknown";
}

std::string_view last_parcel_name(LastParcel l) {
  switch (l) {
    case LastParcel::stop:
      return "stop";
    case LastParcel::skip:
      return "skip";
    case LastParcel::overshoot:
      return "overshoot";
  }
  return "unknown";
}

}  // namespace shinrin::planning
