#pragma once
// The words of `shinrin report` in English and in Japanese. Every label has both; the Japanese
// ones use the terms of Japanese forest planning and GHG inventories (蓄積, 齢級, 間伐, 主伐,
// 吸収量, 排出量, 伐採木材製品).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shinrin::app {

enum class ReportLang { en, ja };

//! "en" or "ja"; nullopt for anything else.
std::optional<ReportLang> parse_report_lang(std::string_view tag);
std::string_view report_lang_tag(ReportLang lang);

//! The label `key` in `lang`; throws std::logic_error (an internal error) for an unknown key.
std::string_view report_label(ReportLang lang, std::string_view key);

//! The label `key` in `lang`, or nullopt for an unknown key.
std::optional<std::string_view> find_report_label(ReportLang lang, std::string_view key);

//! Every label key (for the page's script, which needs some of them, and for the tests).
std::vector<std::string_view> report_label_keys();

}  // namespace shinrin::app
