#pragma once
//! The arithmetic of a forest methodology for one parcel and one fiscal year (methodology.hpp),
//! from the simulated stand and its operations, never from the physical carbon pools.

#include <array>
#include <cstdint>

#include "shinrin/crediting/project.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/silviculture/harvest.hpp"
#include "shinrin/silviculture/regime.hpp"
#include "shinrin/silviculture/wood_use.hpp"

namespace shinrin::crediting {

//! Why a project parcel's figure of a year is not credited.
enum class Reason : std::uint8_t {
  no_treatment_record = 0,  //!< no treatment since the methodology's threshold year
  natural_not_protected,    //!< natural forest without a protection designation
  clear_felled,             //!< the site was clear-felled in the project (R001)
  not_young,                //!< not age class 1 at the start nor replanted in the project (FO-003)
  not_afforested,           //!< not marked as planted on non-forest land (R003)
  replanting_credited,      //!< growth of a replanted stand whose stock was credited at replanting
  count_,
};
inline constexpr std::size_t kReasonCount = static_cast<std::size_t>(Reason::count_);
std::string_view reason_name(Reason r);         //!< e.g. "no_treatment_record"
std::string_view reason_description(Reason r);  //!< a sentence for reports

//! Conversion factor from stem volume to CO2 (DOMAIN.md 1.1):
//!   f = BEF(age) x (1 + R) x D x CF x 44/12   [t CO2 m-3]
//! with BEF_young up to age 20 and BEF_old from 21 (kBefSwitchAge), and the scheme's CF.
double co2_per_m3(const SpeciesParams& sp, int age, double cf);

//! Share of a wood product's carbon still in use after `years` under first-order decay with
//! half-life `half_life`: exp(-ln 2 x years / half_life) [1].
double retained_share(double half_life, double years);

//! Stem growth the scheme credits in the year a stand reaches age `age_reached` on `curve`
//! [m3 ha-1] (GrowthReading).
double scheme_growth(const growth::GrowthTable& table, std::uint32_t curve, int age_reached,
                     GrowthReading reading);

//! What the year brought, for one parcel.
struct ParcelYear {
  int fiscal_year = 0;
  double area = 0.0;  //!< [ha]
  // The stand that grew this year (before any final felling).
  std::uint16_t species = 0;
  std::uint32_t curve = 0;
  int age_reached = 0;  //!< stand age at the end of the year's growth [years]
  // This year's operation.
  silviculture::Operation operation = silviculture::Operation::none;
  silviculture::StreamVolumes streams{};  //!< removal streams [m3 ha-1] (operation != none)
  std::uint16_t harvest_species = 0;
  bool regenerated = false;  //!< felled and regenerated this year
  std::uint16_t regen_species = 0;
  std::uint32_t regen_curve = 0;
  // The register's view (project rows).
  int record_year = 0;   //!< register treatment year (0: none)
  bool natural = false;  //!< natural forest
  bool protected_forest = false;
  bool afforested = false;
};

//! What the parcel carries from year to year (bits).
enum History : std::uint8_t {
  kTreated = 1,             //!< treated (per the methodology's eligibility) since the threshold
  kFelled = 2,              //!< clear-felled in the project
  kReplantingCredited = 4,  //!< replanting rule applied: growth waits for the standard age
  kYoung = 8,               //!< age class 1 at the project start, or replanted in it (FO-003)
  kStarted = 16,            //!< the project's first year has been seen
};

//! A parcel's figures of one year (or summed over a period) [t CO2 unless stated].
struct Entry {
  double area = 0.0;           //!< [ha] credited (set once per period, not summed)
  double growth_volume = 0.0;  //!< stem growth credited [m3]
  double absorption = 0.0;
  double felled_area = 0.0;    //!< [ha]
  double felled_volume = 0.0;  //!< stem stock felled and booked [m3]
  double emission = 0.0;
  double replanted_area = 0.0;  //!< [ha]
  double replanting = 0.0;
  double hwp_volume = 0.0;  //!< sawlog and other industrial removals credited [m3]
  double hwp = 0.0;
  std::array<double, kReasonCount> not_creditable{};  //!< would-be net, by reason
  double net() const { return absorption - emission + replanting + hwp; }
  void add(const Entry& e);  //!< sums everything; area is the larger of the two
};

//! What account_year() reads besides the parcel: the run's tables.
struct Tables {
  const growth::GrowthTable& growth;
  const SpeciesTable& species;
  const silviculture::WoodUse& wood_use;
};

//! The parcel's figures of `y` under project `p`, updating its `history`.
Entry account_year(const Project& p, const Tables& t, const ParcelYear& y, std::uint8_t& history);

}  // namespace shinrin::crediting
