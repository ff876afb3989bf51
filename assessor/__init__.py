"""crm-assess: CRM strategy maturity assessment."""
