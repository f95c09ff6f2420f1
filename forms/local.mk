# forms: targets added by this folder
