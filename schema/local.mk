# schema: targets added by this folder
