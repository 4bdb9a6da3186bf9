#include "report_labels.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace shinrin::app {
namespace {

struct Label {
  std::string_view key, en, ja;
};

// One row per label: key, English, Japanese.
constexpr std::array kLabels{
    Label{"title", "shinrin simulation report", "shinrin 森林シミュレーション報告"},
    Label{"overview", "Overview", "概要"},
    Label{"results_file", "Results file", "結果ファイル"},
    Label{"parcels_simulated", "Simulated parcels", "模擬した小班数"},
    Label{"simulated_area", "Simulated area [ha]", "模擬面積 [ha]"},
    Label{"fiscal_years", "Fiscal years", "年度"},
    Label{"provenance", "Provenance", "来歴"},
    Label{"format", "Results format", "結果ファイル形式"},
    Label{"engine_version", "Engine version", "エンジンのバージョン"},
    Label{"git_sha", "Git commit", "Git コミット"},
    Label{"date", "Run date (UTC)", "実行日時 (UTC)"},
    Label{"command_line", "Command line", "コマンドライン"},
    Label{"scenario_sha256", "Scenario SHA-256", "シナリオの SHA-256"},
    Label{"carbon_pools_off", "Carbon pools not simulated", "模擬しない炭素プール"},
    Label{"initial_stocks", "Initial dead organic matter", "枯死有機物の初期値"},
    Label{"inputs", "Input files", "入力ファイル"},
    Label{"role", "Role", "役割"},
    Label{"path", "Path", "パス"},
    Label{"sha256", "SHA-256", "SHA-256"},
    Label{"no_inputs", "The file lists no input files.", "入力ファイルの記録がありません。"},
    Label{"handling", "Handling of register records", "森林簿レコードの扱い"},
    Label{"handling_class", "Handling", "扱い"},
    Label{"records", "Records", "レコード数"},
    Label{"hectares", "Area [ha]", "面積 [ha]"},
    Label{"all_records", "All records read", "読み込んだ全レコード"},
    Label{"simulated", "simulated", "模擬"},
    Label{"fallback_species", "simulated with a fallback species", "代替樹種で模擬"},
    Label{"non_forest", "not forest", "森林以外"},
    Label{"bamboo", "bamboo", "竹林"},
    Label{"unstocked", "unstocked", "無立木地"},
    Label{"skipped_invalid", "skipped (invalid)", "除外（不正な値）"},
    Label{"warning_age", "simulated records with a register age above",
          "林齢が次を超える模擬レコード"},
    Label{"warning_area", "records not simulated with an unusable area (counted as 0 ha)",
          "面積が使えない非模擬レコード（0 ha として集計）"},
    Label{"yearly", "Results per fiscal year", "年度別の結果"},
    Label{"fiscal_year", "Fiscal year", "年度"},
    Label{"initial", "(initial)", "（期首）"},
    Label{"stem_volume", "Growing stock [m³]", "蓄積 [m³]"},
    Label{"biomass_c", "Biomass carbon [t C]", "生体炭素 [t C]"},
    Label{"dom_c", "Dead organic matter carbon [t C]", "枯死有機物炭素 [t C]"},
    Label{"hwp_c", "Harvested wood products carbon [t C]", "伐採木材製品炭素 [t C]"},
    Label{"co2_removal", "CO₂ removals [t CO₂/yr]", "吸収量 [t-CO₂/年]"},
    Label{"co2_emission", "CO₂ emissions [t CO₂/yr]", "排出量 [t-CO₂/年]"},
    Label{"thinned_area", "Thinned area [ha/yr]", "間伐面積 [ha/年]"},
    Label{"felled_area", "Final felling area [ha/yr]", "主伐面積 [ha/年]"},
    Label{"harvested", "Harvested volume [m³/yr]", "搬出材積 [m³/年]"},
    Label{"sum", "Sum", "合計"},
    Label{
        "yearly_note",
        "Fiscal years run April to March; the first row is the initial state (the end of the "
        "fiscal year before the start). Biomass = above- and below-ground; dead organic matter = "
        "dead wood + litter + soil; wood products = sawnwood + panels + paper in use; harvested = "
        "sawlogs + other industrial wood + fuelwood (stem volume).",
        "年度は4月から翌年3月まで。先頭行は期首（開始前年度末）の状態。生体炭素 = 地上部 + "
        "地下部、枯死有機物 = 枯死木 + リター + 土壌、伐採木材製品 = 製材 + 木質ボード + "
        "紙（使用中）、搬出材積 = 製材用材 + その他の産業用材 + 燃料材（幹材積）。"},
    Label{"charts", "Charts", "グラフ"},
    Label{"chart_stocks", "Carbon stocks by pool [t C]", "炭素プール別の炭素蓄積量 [t C]"},
    Label{"chart_flux", "CO₂ removals and emissions [t CO₂/yr]", "CO₂ 吸収量と排出量 [t-CO₂/年]"},
    Label{"chart_harvest_area", "Thinned and felled area [ha/yr]", "間伐・主伐面積 [ha/年]"},
    Label{"chart_harvest_streams", "Removals by stream [m³/yr]", "用途別の伐採量 [m³/年]"},
    Label{"carbon_ag", "Above-ground biomass", "地上部バイオマス"},
    Label{"carbon_bg", "Below-ground biomass", "地下部バイオマス"},
    Label{"carbon_dead_wood", "Dead wood", "枯死木"},
    Label{"carbon_litter", "Litter", "リター"},
    Label{"carbon_soil", "Soil", "土壌"},
    Label{"carbon_hwp_sawnwood", "Sawnwood in use", "製材（使用中）"},
    Label{"carbon_hwp_panels", "Panels in use", "木質ボード（使用中）"},
    Label{"carbon_hwp_paper", "Paper in use", "紙（使用中）"},
    Label{"removal", "Removals", "吸収量"},
    Label{"emission", "Emissions", "排出量"},
    Label{"thinned", "Thinning", "間伐"},
    Label{"felled", "Final felling", "主伐"},
    Label{"sawlog", "Sawlogs", "製材用材"},
    Label{"other_industrial", "Other industrial wood", "その他の産業用材"},
    Label{"fuelwood", "Fuelwood", "燃料材"},
    Label{"stems_left", "Stems left in the forest", "林内に残置した幹"},
    Label{"residues_collected", "Residues collected", "収集した林地残材"},
    Label{"residues_left", "Residues left", "林地に残した残材"},
    Label{"age_classes", "Area by age class (齢級)", "齢級別面積"},
    Label{"age_class", "Age class", "齢級"},
    Label{"age_class_unit", "class", "齢級"},
    Label{"years_unit", "years", "年生"},
    Label{"area_ha", "Area [ha]", "面積 [ha]"},
    Label{"start", "Start", "期首"},
    Label{"end", "End", "期末"},
    Label{"age_classes_note",
          "Five-year classes: class k holds ages 5k−4 to 5k (age 0 in class 1); class 21 holds "
          "101 years and older.",
          "5年ごとの齢級：k 齢級は林齢 5k−4〜5k 年（0 年生は 1 齢級）、21 齢級は 101 年生以上。"},
    Label{"age_end_absent",
          "The end histogram is not in this results file (format before 3.1); the start histogram "
          "is computed from each parcel's initial age and area.",
          "この結果ファイル（形式 3.1 より前）には期末の齢級別面積がありません。期首は各小班の"
          "初期林齢と面積から求めました。"},
    Label{"age_absent", "This results file holds no age classes and no per-parcel initial ages.",
          "この結果ファイルには齢級別面積も小班ごとの初期林齢もありません。"},
    Label{"map", "Map of the parcels", "小班図"},
    Label{"map_variable", "Colour by", "色分けする変数"},
    Label{"map_absent", "No map", "地図なし"},
    Label{"map_note",
          "Polygons of the source layer, joined on source_fid; coordinates rounded to about 1 m. "
          "Grey: no value.",
          "入力レイヤのポリゴン（source_fid で結合）。座標は約 1 m に丸めています。灰色：値なし。"},
    Label{"map_changed",
          "The layer's SHA-256 differs from the one the run recorded: the parcels are joined on "
          "feature ids (source_fid), which an edited layer may give to other polygons.",
          "レイヤの SHA-256 が実行時の記録と異なります。小班は地物 ID（source_fid）で結合して"
          "いるため、編集されたレイヤでは別のポリゴンに結び付くことがあります。"},
    Label{"initial_age", "Initial age [years]", "期首林齢 [年]"},
    Label{"area", "Area [ha]", "面積 [ha]"},
    Label{"species", "Species", "樹種"},
    Label{"municipality", "Municipality", "市町村"},
    Label{"no_value", "no value", "値なし"},
    // Per-parcel series on the map (English from the file's long_name; these are the Japanese).
    Label{"pv_age", "Stand age", "林齢"},
    Label{"pv_stem_volume", "Growing stock", "蓄積"},
    Label{"pv_stems", "Stems", "立木本数"},
    Label{"pv_height", "Top height", "上層樹高"},
    Label{"pv_yield_index", "Yield index", "収量比数"},
    Label{"pv_carbon_ag", "Above-ground biomass carbon", "地上部バイオマス炭素"},
    Label{"pv_carbon_bg", "Below-ground biomass carbon", "地下部バイオマス炭素"},
    Label{"pv_carbon_dead_wood", "Dead wood carbon", "枯死木炭素"},
    Label{"pv_carbon_litter", "Litter carbon", "リター炭素"},
    Label{"pv_carbon_soil", "Soil carbon", "土壌炭素"},
    Label{"pv_carbon_hwp_sawnwood", "Sawnwood carbon", "製材の炭素"},
    Label{"pv_carbon_hwp_panels", "Panels carbon", "木質ボードの炭素"},
    Label{"pv_carbon_hwp_paper", "Paper carbon", "紙の炭素"},
    Label{"pv_co2_removal", "CO₂ removals", "吸収量"},
    Label{"pv_co2_emission", "CO₂ emissions", "排出量"},
    Label{"pv_removed_sawlog", "Sawlogs removed", "製材用材の搬出量"},
    Label{"pv_removed_other_industrial", "Other industrial wood removed",
          "その他の産業用材の搬出量"},
    Label{"pv_removed_fuelwood", "Fuelwood removed", "燃料材の搬出量"},
    Label{"pv_stems_left", "Stems left in the forest", "林内に残置した幹"},
    Label{"pv_residues_collected", "Residues collected", "収集した林地残材"},
    Label{"pv_residues_left", "Residues left", "林地に残した残材"},
    Label{"unconfirmed", "Unconfirmed parameters (status U)", "未確認のパラメータ（状態 U）"},
    Label{"unconfirmed_note",
          "Values the run used whose primary source has not been read; replace them when it is.",
          "原典を確認していない値で、この実行で使ったもの。原典を確認したら置き換えてください。"},
    Label{"unconfirmed_none", "The run used no unconfirmed parameter value.",
          "この実行では未確認のパラメータ値を使っていません。"},
    Label{"table", "Table", "表"},
    Label{"key", "Key", "キー"},
    Label{"name", "Parameter", "パラメータ"},
    Label{"value", "Value", "値"},
    Label{"unit", "Unit", "単位"},
    Label{"source", "Source", "出典"},
    Label{"generated_by", "Made by shinrin report from", "shinrin report により作成。元ファイル："},
    Label{"script_needed",
          "The charts and the map colours need JavaScript; the tables read without it.",
          "グラフと地図の色分けには JavaScript が必要です。表はなくても読めます。"},
};

constexpr bool keys_unique() {
  for (std::size_t i = 0; i < kLabels.size(); ++i)
    for (std::size_t j = i + 1; j < kLabels.size(); ++j)
      if (kLabels[i].key == kLabels[j].key) return false;
  return true;
}
static_assert(keys_unique(), "a label key is listed twice");

}  // namespace

std::optional<ReportLang> parse_report_lang(std::string_view tag) {
  if (tag == "en") return ReportLang::en;
  if (tag == "ja") return ReportLang::ja;
  return std::nullopt;
}

std::string_view report_lang_tag(ReportLang lang) {
  return lang == ReportLang::ja ? "ja" : "en";
}

std::string_view report_label(ReportLang lang, std::string_view key) {
  const auto it =
      std::find_if(kLabels.begin(), kLabels.end(), [&](const Label& l) { return l.key == key; });
  if (it == kLabels.end()) throw std::logic_error("report: no label '" + std::string(key) + "'");
  return lang == ReportLang::ja ? it->ja : it->en;
}

std::optional<std::string_view> find_report_label(ReportLang lang, std::string_view key) {
  const auto it =
      std::find_if(kLabels.begin(), kLabels.end(), [&](const Label& l) { return l.key == key; });
  if (it == kLabels.end()) return std::nullopt;
  return lang == ReportLang::ja ? it->ja : it->en;
}

std::vector<std::string_view> report_label_keys() {
  std::vector<std::string_view> keys;
  for (const auto& l : kLabels) keys.push_back(l.key);
  return keys;
}

}  // namespace shinrin::app
