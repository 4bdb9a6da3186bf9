#pragma once
//! Crediting methodologies, registered by name (one file each in engine/crediting/, one line in
//! methodology.cpp). A methodology says which terms its arithmetic has and which parcels it
//! counts; its numbers (thresholds, periods, buffer, standard rotation ages, ...) come from
//! data/crediting.csv with their status and source, and a scenario may override them.
//!
//! Forest methodologies credit, per eligible parcel and fiscal year (README, "Crediting"):
//!   absorption  = A x dV_scheme x BEF(age reached) x (1 + R) x D x CF_scheme x 44/12  [t CO2]
//!   emission    = A x V_felled x BEF(age at felling) x (1 + R) x D x CF_scheme x 44/12 (final
//!                 felling booked as emission of the felled stock; only where felling_is_emission)
//!   replanting  = A x V(regeneration curve, standard rotation age) x BEF_old x (1 + R) x D x CF x
//!                 44/12, booked at replanting (the 2022 FO-001 rule, optional); the replanted
//!                 stand's growth is then not credited again until it passes that age
//!   wood products = sum over sawlog and other industrial removals of V x D x CF x 44/12 x
//!                 (sawnwood share x F_sawnwood + panel share x F_panels), F = exp(-ln 2 x T / HL),
//!                 T the permanence horizon (90 years); only where hwp_available
//! with dV_scheme from the yield curve (V(a) - V(a-1)) or an age-class table ((V(5(i+1)) -
//! V(5i)) / 5 for a stand in age class i at the start of the year, DOMAIN.md 1.1).

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shinrin::crediting {

//! What a methodology credits.
enum class Scope : std::uint8_t {
  forest = 0,   //!< growth of parcels (FO-001, FO-003, R001-R003)
  boilers = 1,  //!< fossil fuel replaced by wood boilers (EN-R-001, E001)
};

//! Which parcels a forest methodology counts (besides the project's selection).
enum class Eligibility : std::uint8_t {
  treated_plantation = 0,  //!< a treatment (planting, thinning, felling) since treatment_since:
                           //!< from a register year field or the simulated operations; natural
                           //!< forest only where a register field says it is protected
  thinned = 1,             //!< thinned since treatment_since (register field or simulated)
  young_or_replanted = 2,  //!< age class 1 (ages 1-5) at the start, or replanted in the project
  afforested = 3,          //!< a register field marks the parcel as planted on non-forest land
};

struct Rules {
  std::string_view name;   //!< scenario name, e.g. "jcredit-fo-001"
  std::string_view title;  //!< official name
  Scope scope = Scope::forest;
  Eligibility eligibility = Eligibility::treated_plantation;
  bool felling_is_emission = false;     //!< a final felling emits the felled stock
  bool felling_ends_crediting = false;  //!< a clear-felled parcel earns nothing from that year
  bool replanting_rule = false;         //!< the stock at the standard rotation age may be claimed
  bool hwp = false;                     //!< wood products in use for the horizon are credited
  bool partial_plan_rule = false;       //!< a project that is part of the plan needs a plan area
                                        //!< of partial_plan_min_area (FO-001: 500 ha)
  bool min_area_rule = false;           //!< the project needs min_project_area (R001: 30 ha)
  bool window = false;                  //!< credits only for fiscal years window_first..last
};

//! Every registered methodology, in registration order.
std::span<const Rules* const> methodologies();
//! The methodology named `name`, or nullptr.
const Rules* find_methodology(std::string_view name);
//! Names of every registered methodology, comma-separated (for messages).
std::string methodology_names();

// One per file (engine/crediting/<name>.cpp).
const Rules& fo001();
const Rules& fo003();
const Rules& r001();
const Rules& r002();
const Rules& r003();
const Rules& enr001();
const Rules& e001();

}  // namespace shinrin::crediting
