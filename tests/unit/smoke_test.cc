#include <gtest/gtest.h>
#include "core/model.h"
TEST(Model, Loads) { EXPECT_NE(iamlite::IamModel().FindOperation("CreateUser"), nullptr); }
