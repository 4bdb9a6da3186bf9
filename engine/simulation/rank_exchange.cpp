#include "rank_exchange.hpp"

#include <algorithm>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>

#include "shinrin/core/error.hpp"

namespace shinrin::sim {
namespace {

// Appends trivially copyable values to a byte buffer.
class Bytes {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const std::byte*>(&value);
    data_.insert(data_.end(), p, p + sizeof(T));
  }
  template <class T>
  void put_all(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(values.size());
    const auto* p = reinterpret_cast<const std::byte*>(values.data());
    data_.insert(data_.end(), p, p + values.size() * sizeof(T));
  }
  const std::vector<std::byte>& data() const { return data_; }

 private:
  std::vector<std::byte> data_;
};

// Reads back what Bytes wrote, in the same order.
class Reader {
 public:
  Reader(const std::vector<std::byte>& data, std::size_t first, std::size_t last)
      : data_(data), at_(first), last_(last) {}
  template <class T>
  T get() {
    T value;
    take(&value, sizeof(T));
    return value;
  }
  template <class T>
  void get_all(std::vector<T>& values) {
    values.resize(std::size_t(get<std::uint64_t>()));
    take(values.data(), values.size() * sizeof(T));
  }
  bool done() const { return at_ == last_; }

 private:
  void take(void* to, std::size_t n) {
    if (n > last_ - at_) throw Error("simulation: a rank's message is shorter than its contents");
    std::memcpy(to, data_.data() + at_, n);
    at_ += n;
  }
  const std::vector<std::byte>& data_;
  std::size_t at_, last_;
};

// The State values of a candidate's row that the selection's harvest arithmetic reads
// (phase_planning.cpp: removed(), volume_share(): thinning share, harvest split, priority rules
// are computed by the owner). A rank writes them into its State at rows it does not own, which no
// per-parcel part of that rank ever reads or writes.
struct CandidateRow {
  float volume, stems;
  double ag_biomass, bg_biomass;
  std::uint32_t curve;
  std::int16_t age, since_thinning;
  std::uint16_t species;
};

CandidateRow row_of(const State& st, std::size_t i) {
  return {st.volume[i],
          st.stems[i],
          st.pools.pool(carbon::Pool::ag_biomass)[i],
          st.pools.pool(carbon::Pool::bg_biomass)[i],
          st.curve[i],
          st.age[i],
          st.since_thinning[i],
          st.species[i]};
}

void set_row(State& st, std::size_t i, const CandidateRow& r) {
  st.volume[i] = r.volume;
  st.stems[i] = r.stems;
  st.pools.pool(carbon::Pool::ag_biomass)[i] = r.ag_biomass;
  st.pools.pool(carbon::Pool::bg_biomass)[i] = r.bg_biomass;
  st.curve[i] = r.curve;
  st.age[i] = r.age;
  st.since_thinning[i] = r.since_thinning;
  st.species[i] = r.species;
}

}  // namespace

namespace {

// Each block's part of a shared per-block list, made by the rank that owns the block, on every
// rank: `write(bytes, b)` appends block b of this rank, `read(reader, b)` reads block b of another
// rank (in the order written). Collective.
template <class Write, class Read>
void share_blocks(const parallel::Ranks& ranks, std::size_t blocks, const char* what, Write write,
                  Read read) {
  const RowRange own = ranks.own_blocks(blocks);
  Bytes mine;
  for (std::size_t b = own.first; b < own.last; ++b) write(mine, b);
  std::vector<std::size_t> offsets;
  const std::vector<std::byte> all = ranks.gather_all(mine.data(), offsets);
  for (int r = 0; r < ranks.size(); ++r) {
    if (r == ranks.rank()) continue;
    Reader in(all, offsets[std::size_t(r)], offsets[std::size_t(r) + 1]);
    const RowRange theirs = ranks.blocks_of(r, blocks);
    for (std::size_t b = theirs.first; b < theirs.last; ++b) read(in, b);
    if (!in.done())
      throw Error(std::string("simulation: a rank's ") + what + " are longer than expected");
  }
}

}  // namespace

void share_candidates(const parallel::Ranks& ranks, State& st, YearShared& year) {
  share_blocks(
      ranks, year.candidates.size(), "candidate lists",
      [&](Bytes& out, std::size_t b) {
        const planning::BlockCandidates& bc = year.candidates[b];
        out.put_all(bc.list);
        out.put_all(bc.groups);
        out.put_all(bc.keys);
        for (const planning::Candidate& c : bc.list) out.put(row_of(st, c.row));
      },
      [&](Reader& in, std::size_t b) {
        planning::BlockCandidates& bc = year.candidates[b];
        in.get_all(bc.list);
        in.get_all(bc.groups);
        in.get_all(bc.keys);
        for (const planning::Candidate& c : bc.list) set_row(st, c.row, in.get<CandidateRow>());
      });
}

void share_fuel_supply(const parallel::Ranks& ranks, YearShared& year) {
  share_blocks(
      ranks, year.fuel_supply.size(), "fuel supplies",
      [&](Bytes& out, std::size_t b) { out.put_all(year.fuel_supply[b]); },
      [&](Reader& in, std::size_t b) { in.get_all(year.fuel_supply[b]); });
}

void share_for_landscape(const PhaseEntry& entry, bool after_pass, const parallel::Ranks& ranks,
                         const Inputs&, State& st, YearShared& year) {
  if (ranks.size() == 1) return;
  if (entry.landscape == planning_select) {
    share_candidates(ranks, st, year);
  } else if (entry.landscape == fuel_demand && !after_pass) {
    // Reads the candidate lists, the treated rows and the boilers' stocks, which the selection
    // just before left the same on every rank: nothing to gather.
  } else if (entry.landscape == fuel_burn) {
    share_fuel_supply(ranks, year);
  } else {
    throw InputError("the landscape phase '" + std::string(entry.name) +
                     "' is not supported with " + std::to_string(ranks.size()) +
                     " > 1 ranks yet: run it on one rank (without mpirun)");
  }
}

void sum_over_ranks(const parallel::Ranks& ranks, BlockWork& w) {
  for (GroupTotals* t : {&w.by_species, &w.by_municipality, &w.by_regime, &w.by_age_class, &w.flux})
    ranks.sum_all(t->sums());
}

void series_to_root(const parallel::Ranks& ranks, YearShared& year) {
  if (ranks.size() == 1) return;
  static_assert(sizeof(float) == sizeof(std::uint32_t));
  for (auto& column : year.series) {
    ranks.or_to_root({reinterpret_cast<std::uint32_t*>(column.data()), column.size()});
  }
}

void clear_series(YearShared& year) {
  for (auto& column : year.series) std::fill(column.begin(), column.end(), 0.0f);
}

void merge_ledgers(const parallel::Ranks& ranks, State& st) {
  if (ranks.size() == 1) return;
  auto bytes_of = [](auto& column) {
    using T = typename std::decay_t<decltype(column)>::value_type;
    static_assert(std::is_trivially_copyable_v<T>);
    return std::span<std::byte>(reinterpret_cast<std::byte*>(column.data()),
                                column.size() * sizeof(T));
  };
  for (crediting::ProjectLedger& ledger : st.credit) {
    ranks.or_all(bytes_of(ledger.history));
    ranks.or_all(bytes_of(ledger.entries));
    ranks.or_all(bytes_of(ledger.species0));
    ranks.or_all(bytes_of(ledger.age_class0));
  }
}

}  // namespace shinrin::sim
