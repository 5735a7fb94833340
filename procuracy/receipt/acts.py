"""The declared acts of this part (registered with `cases.acts.registry.acts_register`)."""
