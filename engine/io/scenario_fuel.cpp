// Scenario section `fuel` (README.md, "Scenario format"; structures in
// include/shinrin/io/scenario.hpp; meaning in include/shinrin/fuel/boiler.hpp).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "scenario_sections.hpp"
#include "shinrin/core/error.hpp"

namespace shinrin::io {
namespace {

using yaml::Interval;
using yaml::MapReader;

const Interval kPositive = Interval::above(0.0);
const Interval kNonNegative{0.0, std::numeric_limits<double>::infinity(), false, false};

Located located(MapReader& m, const std::string& key) {
  const YAML::Node n = m.required(key);
  return {m.scalar(n, key), m.origin(n, key)};
}

FuelUseSpec read_use(MapReader m) {
  FuelUseSpec u;
  u.fuel = located(m, "fuel");
  u.quantity = m.number_required("quantity", kNonNegative, "(the fuel's unit) year-1");
  m.finish();
  return u;
}

BoilerSpec read_boiler(MapReader m, std::map<std::string, std::string>& names) {
  BoilerSpec b;
  b.origin = yaml::at(m.file(), m.node().Mark()) + ": '" + m.path() + "'";
  b.name = m.str("name");
  if (b.name.empty()) m.fail_value("name", "empty name");
  if (const auto [it, inserted] = names.emplace(b.name, b.origin); !inserted) {
    m.fail_value("name", "boiler '" + b.name + "' is defined twice (first at " + it->second + ")");
  }
  b.form = m.choice("form", {"firewood", "chips"}) == 0 ? "firewood" : "chips";
  if (auto loc = m.optional_map("location")) {
    b.location_origin = yaml::at(m.file(), loc->node().Mark()) + ": '" + loc->path() + "'";
    const double x = loc->number_required("x", Interval{}, "m");
    const double y = loc->number_required("y", Interval{}, "m");
    loc->finish();
    b.location = std::make_pair(x, y);
  }
  {
    MapReader c = m.map("catchment");
    b.catchment_origin = yaml::at(m.file(), c.node().Mark()) + ": '" + c.path() + "'";
    const int given = int(c.get("municipality").has_value()) + int(c.get("radius_km").has_value()) +
                      int(c.get("parcels").has_value());
    if (given != 1) c.fail_here("give exactly one of 'municipality', 'radius_km' and 'parcels'");
    if (c.get("municipality")) {
      b.catchment_kind = "municipality";
      b.catchment_municipality = c.str("municipality");
    } else if (c.get("radius_km")) {
      b.catchment_kind = "radius";
      b.catchment_radius_km = c.number_required("radius_km", kPositive, "km");
      if (!b.location) c.fail_value("radius_km", "a radius needs the boiler's 'location'");
    } else {
      b.catchment_kind = "parcels";
      b.catchment_parcels = c.list("parcels");
      if (b.catchment_parcels.empty()) c.fail_value("parcels", "empty list of register keys");
    }
    c.finish();
  }
  {
    const auto items = m.sequence("sources");
    if (!items || items->empty())
      m.fail_here("missing required key 'sources' (residues, fuelwood, extra_operations)");
    for (const auto& item : *items) {
      const std::string s = m.scalar(item, "sources");
      if (s != "residues" && s != "fuelwood" && s != "extra_operations") {
        m.fail_at(item, "sources",
                  "'" + s + "' is not one of residues, fuelwood, extra_operations");
      }
      for (const auto& earlier : b.sources) {
        if (earlier == s) m.fail_at(item, "sources", "'" + s + "' is listed twice");
      }
      b.sources.push_back(s);
    }
  }
  {
    MapReader d = m.map("demand");
    b.demand_origin = yaml::at(m.file(), d.node().Mark()) + ": '" + d.path() + "'";
    const int given = int(d.get("useful_heat_gj").has_value()) + int(d.get("replaces").has_value());
    if (given != 1)
      d.fail_here(
          "give exactly one of 'useful_heat_gj' and 'replaces' (a fossil fuel and its quantity a "
          "year)");
    if (d.get("useful_heat_gj")) {
      b.heat_demand = d.number_required("useful_heat_gj", kPositive, "GJ year-1");
    } else {
      b.replaces = read_use(d.map("replaces"));
      if (!(b.replaces->quantity > 0.0))
        d.fail_value("replaces", "the fuel replaced must be > 0 a year");
    }
    if (const auto months = d.sequence("profile")) {
      if (months->size() != 12) {
        d.fail_value("profile",
                     "give 12 monthly shares of the year's demand, April to March (got " +
                         std::to_string(months->size()) + ")");
      }
      double sum = 0.0;
      for (const auto& month : *months) {
        b.profile.push_back(d.number(month, "profile", kNonNegative, "(share of the year)"));
        sum += b.profile.back();
      }
      if (std::abs(sum - 1.0) > 1e-6) {
        char text[32];
        std::snprintf(text, sizeof text, "%.6g", sum);
        d.fail_value("profile", "the 12 monthly shares add up to " + std::string(text) + ", not 1");
      }
    }
    d.finish();
  }
  {
    MapReader e = m.map("efficiency");
    b.efficiency_origin = yaml::at(m.file(), e.node().Mark()) + ": '" + e.path() + "'";
    const Interval unit_interval{0.0, 1.0, true, false};
    b.project_efficiency = e.number_required("project", unit_interval, "(fraction, wood boiler)");
    b.baseline_efficiency =
        e.number_required("baseline", unit_interval, "(fraction, fossil boiler)");
    b.efficiency_basis = e.choice("basis", {"HHV", "LHV"}) == 0 ? "HHV" : "LHV";
    e.finish();
  }
  b.baseline_fuel = located(m, "baseline_fuel");
  b.backup_fuel = located(m, "backup_fuel");
  {
    MapReader y = m.map("years");
    b.first_year = y.int_required("first", 1900, 2500, "(fiscal year)");
    b.last_year = y.int_required("last", 1900, 2500, "(fiscal year)");
    if (b.last_year < b.first_year)
      y.fail_value("last", "before 'first' (" + std::to_string(b.first_year) + ")");
    y.finish();
  }
  b.max_intake = m.number_optional("max_intake_dry_t", kPositive, "t year-1");
  b.moisture =
      m.number_required("moisture_pct", Interval{0.0, 100.0, false, true}, "% (wet basis)");
  b.heating_value = located(m, "heating_value");
  b.drying_years = m.int_required("drying_years", 0, 20, "years");
  b.stock_loss = m.number_required("stock_loss", Interval{0.0, 1.0, false, true}, "year-1");
  b.max_stock = m.number_optional("max_stock_dry_t", kPositive, "t");
  b.initial_stock = m.number_optional("initial_stock_dry_t", kNonNegative, "t").value_or(0.0);
  if (auto a = m.optional_map("auxiliary")) {
    if (auto fuels = a->sequence("fuels")) {
      for (std::size_t i = 0; i < fuels->size(); ++i)
        b.auxiliary.push_back(read_use(a->item((*fuels)[i], "fuels", i)));
    }
    b.electricity_kwh = a->number_optional("electricity_kwh", kNonNegative, "kWh year-1");
    b.transport_tkm =
        a->number_optional("transport_tkm", kNonNegative, "t km year-1").value_or(0.0);
    b.transport_factor =
        a->number_optional("transport_factor", kNonNegative, "t CO2 (t km)-1").value_or(0.0);
    a->finish();
  }
  m.finish();
  return b;
}

void emit_use(YAML::Emitter& e, const FuelUseSpec& u) {
  e << YAML::Flow << YAML::BeginMap << YAML::Key << "fuel" << YAML::Value << u.fuel.value
    << YAML::Key << "quantity" << YAML::Value << num(u.quantity) << YAML::EndMap;
}

}  // namespace

FuelSection read_fuel(MapReader m, const std::filesystem::path& base) {
  FuelSection f;
  f.factors = yaml::resolve(base, m.str("factors"));
  f.wood = yaml::resolve(base, m.str("wood"));
  f.vintage = located(m, "vintage");
  if (m.get("electricity_vintage")) f.electricity_vintage = located(m, "electricity_vintage");
  f.epsg = m.int_optional("epsg", 1, 999999, "");
  const auto items = m.sequence("boilers");
  if (!items || items->empty())
    m.fail_here("missing required key 'boilers' (a list of at least one boiler)");
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < items->size(); ++i) {
    MapReader b = m.item((*items)[i], "boilers", i);
    f.boilers.push_back(read_boiler(std::move(b), names));
    const BoilerSpec& spec = f.boilers.back();
    if (spec.location && !f.epsg) {
      m.fail_value("boilers", "boiler '" + spec.name +
                                  "' has a location: give 'fuel.epsg', the projected CRS of it");
    }
    if (spec.electricity_kwh && f.electricity_vintage.value.empty()) {
      m.fail_value("boilers",
                   "boiler '" + spec.name + "' uses electricity: give 'fuel.electricity_vintage'");
    }
  }
  m.finish();
  return f;
}

void emit_fuel(YAML::Emitter& e, const FuelSection& f) {
  e << YAML::Key << "fuel" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "factors" << YAML::Value << f.factors;
  e << YAML::Key << "wood" << YAML::Value << f.wood;
  e << YAML::Key << "vintage" << YAML::Value << f.vintage.value;
  if (!f.electricity_vintage.value.empty())
    e << YAML::Key << "electricity_vintage" << YAML::Value << f.electricity_vintage.value;
  if (f.epsg) e << YAML::Key << "epsg" << YAML::Value << *f.epsg;
  e << YAML::Key << "boilers" << YAML::Value << YAML::BeginSeq;
  for (const auto& b : f.boilers) {
    e << YAML::BeginMap;
    e << YAML::Key << "name" << YAML::Value << b.name;
    e << YAML::Key << "form" << YAML::Value << b.form;
    if (b.location) {
      e << YAML::Key << "location" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "x" << YAML::Value << num(b.location->first) << YAML::Key << "y" << YAML::Value
        << num(b.location->second) << YAML::EndMap;
    }
    e << YAML::Key << "catchment" << YAML::Value << YAML::Flow << YAML::BeginMap;
    if (b.catchment_kind == "municipality")
      e << YAML::Key << "municipality" << YAML::Value << b.catchment_municipality;
    if (b.catchment_kind == "radius")
      e << YAML::Key << "radius_km" << YAML::Value << num(b.catchment_radius_km);
    if (b.catchment_kind == "parcels")
      e << YAML::Key << "parcels" << YAML::Value << YAML::Flow << b.catchment_parcels;
    e << YAML::EndMap;
    e << YAML::Key << "sources" << YAML::Value << YAML::Flow << b.sources;
    e << YAML::Key << "demand" << YAML::Value << YAML::BeginMap;
    if (b.heat_demand) e << YAML::Key << "useful_heat_gj" << YAML::Value << num(*b.heat_demand);
    if (b.replaces) {
      e << YAML::Key << "replaces" << YAML::Value;
      emit_use(e, *b.replaces);
    }
    if (!b.profile.empty()) {
      e << YAML::Key << "profile" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (double share : b.profile) e << num(share);
      e << YAML::EndSeq;
    }
    e << YAML::EndMap;
    e << YAML::Key << "efficiency" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
      << "project" << YAML::Value << num(b.project_efficiency) << YAML::Key << "baseline"
      << YAML::Value << num(b.baseline_efficiency) << YAML::Key << "basis" << YAML::Value
      << b.efficiency_basis << YAML::EndMap;
    e << YAML::Key << "baseline_fuel" << YAML::Value << b.baseline_fuel.value;
    e << YAML::Key << "backup_fuel" << YAML::Value << b.backup_fuel.value;
    e << YAML::Key << "years" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "first"
      << YAML::Value << b.first_year << YAML::Key << "last" << YAML::Value << b.last_year
      << YAML::EndMap;
    if (b.max_intake) e << YAML::Key << "max_intake_dry_t" << YAML::Value << num(*b.max_intake);
    e << YAML::Key << "moisture_pct" << YAML::Value << num(b.moisture);
    e << YAML::Key << "heating_value" << YAML::Value << b.heating_value.value;
    e << YAML::Key << "drying_years" << YAML::Value << b.drying_years;
    e << YAML::Key << "stock_loss" << YAML::Value << num(b.stock_loss);
    if (b.max_stock) e << YAML::Key << "max_stock_dry_t" << YAML::Value << num(*b.max_stock);
    e << YAML::Key << "initial_stock_dry_t" << YAML::Value << num(b.initial_stock);
    if (!b.auxiliary.empty() || b.electricity_kwh || b.transport_tkm > 0.0) {
      e << YAML::Key << "auxiliary" << YAML::Value << YAML::BeginMap;
      if (!b.auxiliary.empty()) {
        e << YAML::Key << "fuels" << YAML::Value << YAML::BeginSeq;
        for (const auto& u : b.auxiliary) emit_use(e, u);
        e << YAML::EndSeq;
      }
      if (b.electricity_kwh)
        e << YAML::Key << "electricity_kwh" << YAML::Value << num(*b.electricity_kwh);
      e << YAML::Key << "transport_tkm" << YAML::Value << num(b.transport_tkm);
      e << YAML::Key << "transport_factor" << YAML::Value << num(b.transport_factor);
      e << YAML::EndMap;
    }
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
}

}  // namespace shinrin::io
