#pragma once
namespace iamlite {
inline constexpr const char* kVersion = "0.1.0";
}
