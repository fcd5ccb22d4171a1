# @@JAR@@ names the class path and the main class in its manifest, and is started with java -jar, the one
# way it supports (its manifest's Add-Opens apply only then); so EXTRA_LIB_DIR does not apply.
