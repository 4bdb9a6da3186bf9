// The /crediting group: per credit project its chain of calculation per monitoring period, its
// strata, each parcel's contribution, what was not creditable and why, and the numbers used.
#include "results_groups.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "hdf5_util.hpp"

namespace shinrin::io {
namespace {

std::string_view baseline_name(crediting::Baseline b) {
  switch (b) {
    case crediting::Baseline::none:
      return "none";
    case crediting::Baseline::unmanaged:
      return "unmanaged";
    case crediting::Baseline::regimes:
      return "regimes";
  }
  return "none";
}

void write_project(hid_t parent, const crediting::Credits& c, const crediting::Project& p,
                   const sim::Inputs& in) {
  h5::Id g(create_tracked_group(parent, c.project.c_str()), H5Gclose);
  const crediting::Rules& rules = *p.rules;
  const bool forest = rules.scope == crediting::Scope::forest;
  h5::attr_string(g, "methodology", std::string(rules.name));
  h5::attr_string(g, "title", std::string(rules.title));
  h5::attr_string(g, "accounting",
                  forest ? "scheme arithmetic from the simulated stands and operations (not the "
                           "physical carbon pools)"
                         : "scheme arithmetic from the boilers' fossil fuel replaced (fuel group), "
                           "not the forest's pools");
  h5::attr_string(g, "baseline", std::string(baseline_name(p.baseline)));
  h5::attr_string(
      g, "growth_reading",
      p.growth == crediting::GrowthReading::yield_curve ? "yield_curve" : "age_class_table");
  h5::attr_string(g, "replanting_rule", p.replanting ? "claimed" : "not claimed");
  h5::attr_string(g, "wood_products", p.hwp ? "claimed" : "not claimed");
  h5::attr_double(g, "cf", p.cf);
  h5::attr_double(g, "buffer_share", p.buffer_share);
  h5::attr_double(g, "uncertainty_share", p.uncertainty_share);
  h5::attr_double(g, "rounding_step", p.rounding_step);

  // Periods and the chain of calculation.
  const std::size_t np = c.chains.size();
  std::vector<int> idx(np);
  std::iota(idx.begin(), idx.end(), 0);
  h5::Id period = h5::write_1d(g, "period", H5T_STD_I32LE, H5T_NATIVE_INT, idx.data(), np);
  h5::attr_cf(period, "1", "monitoring period");
  h5::make_scale(period, "period");
  auto per_period = [&](const char* name, const char* units, const std::string& long_name,
                        auto value) {
    std::vector<double> v;
    for (const auto& ch : c.chains) v.push_back(value(ch));
    h5::Id ds = h5::write_1d(g, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), v.size());
    h5::attr_cf(ds, units, long_name);
    h5::attach(ds, period, 0);
  };
  using Ch = crediting::Chain;
  per_period("first_year", "1", "first fiscal year of the period",
             [](const Ch& x) { return double(x.first_year); });
  per_period("last_year", "1", "last fiscal year of the period",
             [](const Ch& x) { return double(x.last_year); });
  if (forest) {
    per_period("area", "ha", "area of the parcels credited in the period",
               [](const Ch& x) { return x.sum.area; });
    per_period("parcels", "1", "parcels credited in the period",
               [](const Ch& x) { return x.parcels; });
    per_period("growth_volume", "m3", "stem growth credited (as the scheme reads it)",
               [](const Ch& x) { return x.sum.growth_volume; });
    per_period("absorption", "t",
               "t CO2 absorbed by growth: A x dV x BEF x (1 + R) x D x CF x 44/12",
               [](const Ch& x) { return x.sum.absorption; });
    per_period("felled_area", "ha", "area clear-felled",
               [](const Ch& x) { return x.sum.felled_area; });
    per_period("felled_volume", "m3", "stem stock felled",
               [](const Ch& x) { return x.sum.felled_volume; });
    per_period("emission", "t", "t CO2 of the felled stock booked as emission",
               [](const Ch& x) { return x.sum.emission; });
    per_period("replanted_area", "ha", "area replanted under the replanting rule",
               [](const Ch& x) { return x.sum.replanted_area; });
    per_period("replanting", "t",
               "t CO2 of the replanted stands' stock at the standard rotation age",
               [](const Ch& x) { return x.sum.replanting; });
    per_period("hwp_volume", "m3", "sawlog and other industrial removals credited as wood products",
               [](const Ch& x) { return x.sum.hwp_volume; });
    per_period("hwp", "t", "t CO2 in wood products still in use after the horizon",
               [](const Ch& x) { return x.sum.hwp; });
  } else {
    per_period("baseline_emission", "t", "EM_BL of the boilers, t CO2",
               [](const Ch& x) { return x.baseline_emission; });
    per_period("project_emission", "t", "EM_PJ of the boilers, t CO2",
               [](const Ch& x) { return x.project_emission; });
    per_period("wood_dry_mass", "t", "wood burnt (dry mass)",
               [](const Ch& x) { return x.wood_dry_t; });
    per_period("useful_heat", "GJ", "useful heat from wood",
               [](const Ch& x) { return x.useful_heat_gj; });
  }
  per_period("net", "t",
             forest ? "t CO2: absorption - emission + replanting + hwp" : "t CO2: EM_BL - EM_PJ",
             [](const Ch& x) { return x.net; });
  per_period("baseline_net", "t",
             "t CO2 the baseline run gives by the same arithmetic (0 without a baseline)",
             [](const Ch& x) { return x.baseline_net; });
  per_period("credited", "t", "t CO2: net - baseline_net", [](const Ch& x) { return x.credited; });
  per_period("buffer", "t", "t CO2 put into the buffer: max(0, credited) x buffer_share",
             [](const Ch& x) { return x.buffer; });
  per_period("uncertainty", "t", "t CO2 deducted for uncertainty",
             [](const Ch& x) { return x.uncertainty; });
  per_period("before_rounding", "t", "t CO2: credited - buffer - uncertainty",
             [](const Ch& x) { return x.before_rounding; });
  per_period("issued", "t",
             "t CO2 issued: before_rounding rounded down to rounding_step (0 if negative)",
             [](const Ch& x) { return x.issued; });

  if (forest) {
    // What was not creditable, and why.
    std::vector<std::string> reasons, descriptions;
    for (std::size_t q = 0; q < crediting::kReasonCount; ++q) {
      reasons.emplace_back(crediting::reason_name(crediting::Reason(q)));
      descriptions.emplace_back(crediting::reason_description(crediting::Reason(q)));
    }
    h5::Id reason = h5::write_strings(g, "reason", reasons);
    h5::attr_cf(reason, "1", "why a project parcel's figures were not credited");
    h5::make_scale(reason, "reason");
    h5::Id rd = h5::write_strings(g, "reason_description", descriptions);
    h5::attr_cf(rd, "1", "the reason in words");
    h5::attach(rd, reason, 0);
    for (const auto& [name, data, units, long_name] :
         {std::tuple{"not_creditable_area", &c.not_creditable_area, "ha",
                     "area of project parcels not credited, by reason"},
          std::tuple{
              "not_creditable_co2", &c.not_creditable_co2, "t",
              "t CO2 the methodology's arithmetic gives for what was not credited, by reason"}}) {
      std::vector<double> v;
      for (const auto& row : *data) v.insert(v.end(), row.begin(), row.end());
      h5::Id ds = h5::write_2d(g, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), np,
                               crediting::kReasonCount);
      h5::attr_cf(ds, units, long_name);
      h5::attach(ds, period, 0);
      h5::attach(ds, reason, 1);
    }

    // Strata: species x age class at the period start.
    const std::size_t ns = c.strata.size();
    std::vector<int> sidx(ns);
    std::iota(sidx.begin(), sidx.end(), 0);
    h5::Id stratum = h5::write_1d(g, "stratum", H5T_STD_I32LE, H5T_NATIVE_INT, sidx.data(), ns);
    h5::attr_cf(stratum, "1", "stratum: species x age class at the start of a period");
    h5::make_scale(stratum, "stratum");
    std::vector<std::string> sp;
    for (const auto& s : c.strata) sp.push_back(in.species[s.species].code);
    h5::Id sps = h5::write_strings(g, "stratum_species", sp);
    h5::attr_cf(sps, "1", "species of the stratum");
    h5::attach(sps, stratum, 0);
    auto per_stratum = [&](const char* name, const char* units, const std::string& long_name,
                           auto value) {
      std::vector<double> v;
      for (const auto& s : c.strata) v.push_back(value(s));
      h5::Id ds = h5::write_1d(g, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), v.size());
      h5::attr_cf(ds, units, long_name);
      h5::attach(ds, stratum, 0);
    };
    using St = crediting::Stratum;
    per_stratum("stratum_period", "1", "period of the stratum",
                [](const St& s) { return double(s.period); });
    per_stratum("stratum_age_class", "1", "age class (齢級, 5 years) at the period start",
                [](const St& s) { return double(s.age_class); });
    per_stratum("stratum_parcels", "1", "parcels credited", [](const St& s) { return s.parcels; });
    per_stratum("stratum_area", "ha", "area credited", [](const St& s) { return s.sum.area; });
    per_stratum("stratum_growth_volume", "m3", "stem growth credited",
                [](const St& s) { return s.sum.growth_volume; });
    per_stratum("stratum_absorption", "t", "t CO2 absorbed",
                [](const St& s) { return s.sum.absorption; });
    per_stratum("stratum_felled_volume", "m3", "stem stock felled",
                [](const St& s) { return s.sum.felled_volume; });
    per_stratum("stratum_emission", "t", "t CO2 of felling",
                [](const St& s) { return s.sum.emission; });
    per_stratum("stratum_replanting", "t", "t CO2 of the replanting rule",
                [](const St& s) { return s.sum.replanting; });
    per_stratum("stratum_hwp", "t", "t CO2 in wood products",
                [](const St& s) { return s.sum.hwp; });
    per_stratum("stratum_net", "t", "t CO2 net", [](const St& s) { return s.net; });
    per_stratum("stratum_baseline_net", "t", "t CO2 net of the baseline",
                [](const St& s) { return s.baseline_net; });

    // Each project parcel's credited contribution, in the source layer's order.
    std::vector<std::size_t> order(p.rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return in.parcels.source_pos[p.rows[a]] < in.parcels.source_pos[p.rows[b]];
    });
    std::vector<std::string> keys;
    std::vector<double> credited(order.size() * np);
    for (std::size_t j = 0; j < order.size(); ++j) {
      const std::size_t r = order[j];
      keys.push_back(in.parcels.key[p.rows[r]]);
      for (std::size_t k = 0; k < np; ++k) credited[j * np + k] = c.parcel_credited[r * np + k];
    }
    h5::Id pk = h5::write_strings(g, "project_parcel", keys);
    h5::attr_cf(
        pk, "1",
        "register key of each project parcel (source layer order; two-storey stands repeat)");
    h5::make_scale(pk, "project_parcel");
    h5::Id pc = h5::write_2d(g, "parcel_credited", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                             credited.data(), order.size(), np);
    h5::attr_cf(
        pc, "t",
        "t CO2 each project parcel contributes to a period: its net minus its baseline net");
    h5::attach(pc, pk, 0);
    h5::attach(pc, period, 1);
  } else {
    std::vector<std::string> names;
    for (std::uint16_t b : p.boilers) names.push_back(in.fuel.boilers[b].name);
    h5::Id bs = h5::write_strings(g, "boilers", names);
    h5::attr_cf(bs, "1", "boilers of the project (their years are in the fuel group)");
    h5::make_scale(bs, "boilers");
  }

  // The numbers the project used, with provenance; and the species factors of its parcels.
  std::vector<ParameterRecord> recs = p.records;
  if (forest) {
    std::vector<char> used(in.species.size(), 0);
    for (std::uint32_t r : p.rows) {
      used[in.parcels.species[r]] = 1;
      used[in.parcels.regen_species[r]] = 1;
    }
    for (std::size_t s = 0; s < in.species.size(); ++s) {
      if (!used[s]) continue;
      for (const auto& rec : in.species[s].records) {
        if (rec.name != "CF") recs.push_back(rec);  // the scheme's CF is the project's cf
      }
    }
  }
  write_parameter_table(g, recs, "parameter_");
}

}  // namespace

void write_crediting(hid_t root, const std::vector<crediting::Credits>& credits,
                     const sim::Inputs& in) {
  if (credits.empty()) return;
  h5::Id g(create_tracked_group(root, "crediting"), H5Gclose);
  h5::attr_string(g, "description",
                  "credit projects, one group each: every scheme's own arithmetic, computed from "
                  "the simulated stands, "
                  "operations and boilers by the methodology's formulas, beside (never read off) "
                  "the physical carbon "
                  "accounts of the root group");
  for (std::size_t k = 0; k < credits.size(); ++k)
    write_project(g, credits[k], in.credit.projects[k], in);
}

}  // namespace shinrin::io
