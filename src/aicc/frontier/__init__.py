"""The voluntary pre-release evaluation program for frontier AI models.

Developers submit a model up to 30 days before its release; the center and partners the
developer chose evaluate its cyber capabilities with Inspect suites; the center records, with
the evidence, whether it is a *covered frontier model*. Every outcome is advisory: nothing here
licenses, approves or blocks a release.
"""
