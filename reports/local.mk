# reports: targets added by this folder
