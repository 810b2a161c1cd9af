"""Inventories: SBOMs, lockfiles, OS package databases and appliance lists, read into Components."""
