// A database whose document numbers have gaps, built by the real fahras-index, for the tests
// of filters that every article matches.
#pragma once

#include <string>

namespace fahras::test {

/** 2,400 generated articles (ids gap-0000…, source al-khabar, every body holding الاقتصاد),
 *  odd ones dated 2015-07-15 and even ones 2015-08-01, indexed by fahras-index; then
 *  `--delete-before 2015-08-01` removes the odd ones. 1,200 articles remain, every one dated
 *  2015-08-01, and half the document numbers are gaps. Built once per test binary. */
const std::string& gaps_db();

/** The number of articles gaps_db() holds. */
inline constexpr int gaps_db_articles = 1200;

}  // namespace fahras::test
