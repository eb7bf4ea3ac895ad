# Writes OUT: a C++ file defining the IAM and STS model JSON as string constants.
file(READ ${IAM} iam_text)
file(READ ${STS} sts_text)
file(WRITE ${OUT}.tmp
  "// Generated from model/*.json by cmake/embed_model.cmake. Do not edit.\n"
  "namespace iamlite {\n"
  "extern const char* const kIamModelJson;\n"
  "extern const char* const kStsModelJson;\n"
  "const char* const kIamModelJson = R\"iamlite_model(${iam_text})iamlite_model\";\n"
  "const char* const kStsModelJson = R\"iamlite_model(${sts_text})iamlite_model\";\n"
  "}\n")
file(RENAME ${OUT}.tmp ${OUT})
