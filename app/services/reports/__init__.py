"""The annual reports (issue 9 §2): ``annual.build`` the figures, ``formats.write`` them as PDF, CSV or XLSX."""
