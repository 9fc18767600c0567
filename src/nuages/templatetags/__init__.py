"""Template tag libraries shipped with nuages: static, l10n (load them with {% load %})."""
