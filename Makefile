# `sam build` calls build-<LogicalId> for each function (Metadata: BuildMethod: makefile) with ARTIFACTS_DIR set.
# SAM's own Maven builder cannot build a multi-module reactor, and one Maven run per function repeated the same
# work seven times. So the first function SAM builds runs Maven once for the whole reactor (every function
# module, each one's runtime jars copied into its own target/lib), and every function then only lays out what
# Lambda loads: the handler's classes at the top, the module's runtime jars in lib/.
#
# The one Maven run is guarded by a stamp in SAM's build directory, which `sam build` empties at every start, so
# each `sam build` runs Maven at least once (Maven itself then recompiles only what changed). The stamp is also
# older than any pom or main source edited since it was made, so it is never trusted over a change. A lock
# serialises the check, so `sam build --parallel` runs Maven once too: the others wait, then copy. The lock is a
# directory made with mkdir (atomic, and on every system: macOS has no flock), removed when its holder exits or is
# interrupted; it sits next to the stamp, so even one left by a killed build is gone at the next `sam build`.
JAVA_HOME := $(shell bash .ci/find-jdk25)
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN ?= mvn -B -q

FUNCTION_MODULES := functions/alert functions/join-conference functions/call-events functions/incidents \
	functions/rounds functions/records functions/events
comma := ,
space := $(empty) $(empty)
BUILD_DIR = $(dir $(patsubst %/,%,$(ARTIFACTS_DIR)))
STAMP = $(BUILD_DIR).alertbridge-maven-reactor
# what the artifacts are made of: every pom and every main source or resource of shared and the functions
SOURCES := $(shell find pom.xml shared functions -name target -prune -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -print)

build-AlertFunction:
	$(MAKE) function MODULE=functions/alert

build-AlertTopicFunction:
	$(MAKE) function MODULE=functions/alert

build-ChecksFunction:
	$(MAKE) function MODULE=functions/alert

build-CheckDetectorFunction:
	$(MAKE) function MODULE=functions/alert

build-HandoffTickerFunction:
	$(MAKE) function MODULE=functions/alert

build-SchedulesFunction:
	$(MAKE) function MODULE=functions/alert

build-JoinConferenceFunction:
	$(MAKE) function MODULE=functions/join-conference

build-CallEventsFunction:
	$(MAKE) function MODULE=functions/call-events

build-IncidentsFunction:
	$(MAKE) function MODULE=functions/incidents

build-RoundsFunction:
	$(MAKE) function MODULE=functions/rounds

build-RecordsFunction:
	$(MAKE) function MODULE=functions/records

build-EventsFunction:
	$(MAKE) function MODULE=functions/events

function:
	test -n "$(ARTIFACTS_DIR)"
	mkdir -p "$(BUILD_DIR)"
	@lock="$(STAMP).lock"; waited=0; \
	until mkdir "$$lock" 2>/dev/null; do \
		if [ $$((waited % 60)) -eq 0 ]; then \
			echo "$(MODULE): waiting for the Maven build another function started ($$lock; if no build is running, remove it)" >&2; \
		fi; \
		sleep 1; waited=$$((waited + 1)); \
	done; \
	trap 'rmdir "$$lock"' EXIT; trap 'exit 130' HUP INT TERM; \
	$(MAKE) --no-print-directory reactor
	cp -r $(MODULE)/target/classes/. "$(ARTIFACTS_DIR)/"
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(MODULE)/target/lib/*.jar "$(ARTIFACTS_DIR)/lib/"

reactor: $(STAMP)

# jars a changed pom no longer names must not stay behind in target/lib
$(STAMP): $(SOURCES)
	test -n "$(ARTIFACTS_DIR)"
	rm -rf $(addsuffix /target/lib,$(FUNCTION_MODULES))
	$(MVN) -pl $(subst $(space),$(comma),$(FUNCTION_MODULES)) -am -DskipTests package \
		dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib
	touch "$@"

.PHONY: build-AlertFunction build-AlertTopicFunction build-JoinConferenceFunction build-CallEventsFunction build-IncidentsFunction build-RoundsFunction build-RecordsFunction build-EventsFunction function reactor
