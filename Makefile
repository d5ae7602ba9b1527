# `sam build` calls build-<LogicalId> for each function (Metadata: BuildMethod: makefile) with ARTIFACTS_DIR set.
# SAM's own Maven builder cannot build a multi-module reactor, so we build the one function module and the
# shared module it needs, then lay out what Lambda loads: the handler's classes at the top, every runtime jar in lib/.
JAVA_HOME := $(shell bash .ci/find-jdk25)
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN ?= mvn -B -q

build-AlertFunction:
	$(MAKE) function MODULE=functions/alert

build-AlertTopicFunction:
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
	$(MVN) -pl $(MODULE) -am -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
		-DoutputDirectory="$(ARTIFACTS_DIR)/lib"
	cp -r $(MODULE)/target/classes/. "$(ARTIFACTS_DIR)/"

.PHONY: build-AlertFunction build-AlertTopicFunction build-JoinConferenceFunction build-CallEventsFunction build-IncidentsFunction build-RoundsFunction build-RecordsFunction build-EventsFunction function
