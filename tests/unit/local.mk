# unit tests (Check): add test_<area> programs here
