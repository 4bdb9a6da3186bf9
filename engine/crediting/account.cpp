#include "shinrin/crediting/account.hpp"

#include <algorithm>
#include <cmath>

namespace shinrin::crediting {
namespace {

constexpr double kCo2PerC = 44.0 / 12.0;

struct ReasonInfo {
  Reason reason;
  std::string_view name, description;
};
constexpr ReasonInfo kReasons[] = {
    {Reason::no_treatment_record, "no_treatment_record",
     "no treatment (planting, thinning, felling) since the methodology's threshold year"},
    {Reason::natural_not_protected, "natural_not_protected",
     "natural forest without a protection designation"},
    {Reason::clear_felled, "clear_felled",
     "site clear-felled in the project: no credits from that year on"},
    {Reason::not_young, "not_young",
     "neither age class 1 at the project start nor replanted in the project"},
    {Reason::not_afforested, "not_afforested", "not marked as planted on land that was not forest"},
    {Reason::replanting_credited, "replanting_credited",
     "growth of a replanted stand whose stock at the standard rotation age was credited at "
     "replanting"},
};
static_assert(std::size(kReasons) == kReasonCount);

int standard_age(const Project& p, std::uint16_t species) {
  return species < p.standard_rotation_age.size() ? p.standard_rotation_age[species] : 0;
}

}  // namespace

std::string_view reason_name(Reason r) {
  return kReasons[static_cast<std::size_t>(r)].name;
}
std::string_view reason_description(Reason r) {
  return kReasons[static_cast<std::size_t>(r)].description;
}

double co2_per_m3(const SpeciesParams& sp, int age, double cf) {
  const double bef = age <= kBefSwitchAge ? sp.bef_young : sp.bef_old;
  return bef * (1.0 + sp.R) * sp.D * cf * kCo2PerC;
}

double retained_share(double half_life, double years) {
  return std::exp(-std::log(2.0) * years / half_life);
}

double scheme_growth(const growth::GrowthTable& table, std::uint32_t curve, int age_reached,
                     GrowthReading reading) {
  if (age_reached <= 0) return 0.0;
  if (reading == GrowthReading::yield_curve) {
    return double(table.volume(curve, age_reached)) - double(table.volume(curve, age_reached - 1));
  }
  // Age class i of the stand at the start of the year (class i holds ages 5i - 4 .. 5i; a stand of
  // age 0 is before class 1): (V(5(i + 1)) - V(5i)) / 5, V(0) = 0.
  const int start = age_reached - 1;
  const int i = (start + 4) / 5;
  const double v_next = double(table.volume(curve, 5 * (i + 1)));
  const double v_this = i == 0 ? 0.0 : double(table.volume(curve, 5 * i));
  return (v_next - v_this) / 5.0;
}

void Entry::add(const Entry& e) {
  area = std::max(area, e.area);
  growth_volume += e.growth_volume;
  absorption += e.absorption;
  felled_area += e.felled_area;
  felled_volume += e.felled_volume;
  emission += e.emission;
  replanted_area += e.replanted_area;
  replanting += e.replanting;
  hwp_volume += e.hwp_volume;
  hwp += e.hwp;
  for (std::size_t k = 0; k < kReasonCount; ++k) not_creditable[k] += e.not_creditable[k];
}

Entry account_year(const Project& p, const Tables& t, const ParcelYear& y, std::uint8_t& h) {
  const Rules& rules = *p.rules;
  using silviculture::Operation;
  const bool operated = y.operation != Operation::none;
  const bool felled = y.operation == Operation::final_felling;
  const bool thinned = operated && !felled;

  // History: what the register says at the start; the simulated operations as they happen (a
  // treatment counts from its own year).
  if (!(h & kStarted)) {
    h |= kStarted;
    if (y.record_year > 0 && y.record_year >= p.treatment_since) h |= kTreated;
    if (y.age_reached - 1 <= 5) h |= kYoung;  // age class 1 (or just planted) at the start
  }
  if (y.fiscal_year >= p.treatment_since) {
    if (rules.eligibility == Eligibility::treated_plantation && operated) h |= kTreated;
    if (rules.eligibility == Eligibility::thinned && thinned) h |= kTreated;
  }

  // The year's figures as the methodology computes them.
  const double a = y.area;
  const double dv = scheme_growth(t.growth, y.curve, y.age_reached, p.growth);
  const double growth_co2 = a * dv * co2_per_m3(t.species[y.species], y.age_reached, p.cf);
  double felled_volume = 0.0, emission = 0.0;
  if (felled) {
    using silviculture::Stream;
    const auto& s = y.streams;
    felled_volume = s[std::size_t(Stream::sawlog)] + s[std::size_t(Stream::other_industrial)] +
                    s[std::size_t(Stream::fuelwood)] + s[std::size_t(Stream::stems_left)];
    if (rules.felling_is_emission) {
      emission = a * felled_volume * co2_per_m3(t.species[y.harvest_species], y.age_reached, p.cf);
    }
  }
  double replanting = 0.0;
  const int regen_age = y.regenerated ? standard_age(p, y.regen_species) : 0;
  const bool replant_rule =
      rules.replanting_rule && p.replanting && felled && y.regenerated && regen_age > 0;
  if (replant_rule) {
    replanting = a * double(t.growth.volume(y.regen_curve, regen_age)) *
                 co2_per_m3(t.species[y.regen_species], regen_age, p.cf);
  }
  double hwp_volume = 0.0, hwp = 0.0;
  if (rules.hwp && p.hwp && operated) {
    using silviculture::StemStream;
    using silviculture::Stream;
    const SpeciesParams& sp = t.species[y.harvest_species];
    for (auto [stream, use] : {std::pair{Stream::sawlog, StemStream::sawlog},
                               std::pair{Stream::other_industrial, StemStream::other_industrial}}) {
      const double v = a * y.streams[std::size_t(stream)];
      const auto& row = t.wood_use[use];
      hwp_volume += v;
      hwp += v * sp.D * p.cf * kCo2PerC *
             (row.sawnwood * p.hwp_retained_sawnwood + row.panels * p.hwp_retained_panels);
    }
  }

  // Eligibility of the year.
  bool ok = true;
  Reason why = Reason::no_treatment_record;
  switch (rules.eligibility) {
    case Eligibility::treated_plantation:
      if (y.natural) {
        ok = y.protected_forest;
        why = Reason::natural_not_protected;
      } else {
        ok = (h & kTreated) != 0;
        why = Reason::no_treatment_record;
      }
      break;
    case Eligibility::thinned:
      if (rules.felling_ends_crediting && ((h & kFelled) || felled)) {
        ok = false;
        why = Reason::clear_felled;
      } else {
        ok = (h & kTreated) != 0;
        why = Reason::no_treatment_record;
      }
      break;
    case Eligibility::young_or_replanted:
      ok = (h & kYoung) != 0;
      why = Reason::not_young;
      break;
    case Eligibility::afforested:
      ok = y.afforested;
      why = Reason::not_afforested;
      break;
  }
  if (felled) h |= kFelled;
  if (felled && y.regenerated) h |= kYoung;  // replanted in the project: FO-003 counts it from now

  Entry e;
  if (!ok) {
    e.not_creditable[std::size_t(why)] = growth_co2 - emission + replanting + hwp;
    return e;
  }
  e.area = a;
  // Growth of a stand whose stock at the standard rotation age was credited at replanting waits
  // until it passes that age.
  const bool waits = (h & kReplantingCredited) && y.age_reached <= standard_age(p, y.species);
  if ((h & kReplantingCredited) && !waits) h &= std::uint8_t(~kReplantingCredited);
  if (waits) {
    e.not_creditable[std::size_t(Reason::replanting_credited)] = growth_co2;
  } else {
    e.growth_volume = a * dv;
    e.absorption = growth_co2;
  }
  if (felled) {
    e.felled_area = a;
    e.felled_volume = a * felled_volume;
    e.emission = emission;
  }
  if (replant_rule) {
    e.replanted_area = a;
    e.replanting = replanting;
    h |= kReplantingCredited;
  }
  e.hwp_volume = hwp_volume;
  e.hwp = hwp;
  return e;
}

}  // namespace shinrin::crediting
